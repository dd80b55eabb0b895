import DMAOwnEngine
import DMAOwnScenario

extension CheckReport {
    /// Why a scenario could not be explored under a scheme: input to report, not a result.
    public enum Refusal: Error, Sendable {
        /// A setup operation does not succeed under the scheme (an error in the file).
        case setup(SetupError)
        /// A cluster of interdependent threads is larger than `Explorer.maxThreads` (its threads, 0-based).
        case oversized(cluster: [Int], run: Run)
    }

    /// `scenario` explored under `scheme` (its own when nil) exactly as `dmaown check` explores it,
    /// so `dmaown compare`'s column for a scheme is that scheme's `check` result, not a second reading.
    /// `random` samples that many walks from `seed` instead of exhausting.
    public static func make(_ scenario: Scenario, scheme: SchemeID? = nil, options: ExplorationOptions = .init(),
                            random: (walks: Int, seed: UInt64)? = nil,
                            progress: (ExplorationProgress) -> Void = { _ in }) -> Result<CheckReport, Refusal> {
        let schemeID = scheme ?? scenario.scheme
        let prepared: (run: Run, world: World)
        switch scenario.prepare(scheme: schemeID) {
        case .success(let p): prepared = p
        case .failure(let e): return .failure(.setup(e))
        }
        let explorer = Explorer(run: prepared.run, world: prepared.world, options: options)
        if random == nil, let cluster = explorer.oversizedCluster { return .failure(.oversized(cluster: cluster, run: prepared.run)) }
        let exploration = random.map { explorer.randomWalks(count: $0.walks, seed: $0.seed) } ?? explorer.explore(progress: progress)
        return .success(CheckReport(
            title: scenario.title, scheme: schemeID, run: prepared.run, world: prepared.world, exploration: exploration,
            expectation: scenario.expect, expectedScheme: scenario.scheme, random: random, options: options))
    }
}
