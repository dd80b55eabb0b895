import ArgumentParser
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// `dmaown check`: Explore every interleaving of a scenario and report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Explore every interleaving of a scenario and report.",
        discussion: "Exit status: 0 no invariant broken, 1 some invariant broken, 2 the input could not be used. A scenario's [expect] is compared and reported (and in --json as expect.matches); it does not change the exit status.")

    @Argument(help: "A scenario file (TOML), or the name of a built-in scenario (see `dmaown scenarios`).")
    var scenario: String?
    @Option(help: "Override the scenario's scheme: notifier, v6, merged, iommufd, robin or robin-locked.")
    var scheme: String?
    @Flag(help: "Print one JSON object instead of text.")
    var json = false
    @Option(name: .customLong("max-states"), help: "Stop after this many states (the result is then partial).")
    var maxStates: String?
    @Option(name: .customLong("max-depth"), help: "Do not follow schedules longer than this (the result is then partial).")
    var maxDepth: String?
    @Option(help: "Instead of exhausting, try this many random schedules.")
    var random: String?
    @Option(help: "Seed for --random (default 1).")
    var seed: String?
    @Flag(name: .customLong("no-por"), help: "Turn partial-order reduction off (same verdicts, more states).")
    var noPOR = false
    @Flag(help: "Count interleavings however many states that takes (default: up to 2,000,000 unreduced states).")
    var count = false
    @Option(name: .customLong("max-memory"), help: "Stop with a partial result when the search's tables would pass this many bytes (K, M, G suffixes; default a quarter of physical memory, at most 4G).")
    var maxMemory: String?
    /// Words the parser does not know, collected so they exit 2 rather than the parser's 64.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    func run() throws {
        let report: CheckReport
        do {
            report = try makeReport()
        } catch {
            throw InputError.exit("check", error.description)
        }
        if json { print(report.json.rendered) } else { HumanOutput.print(report.human, terminator: "") }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    private func makeReport() throws(InputError) -> CheckReport {
        if let word = unrecognized.first { throw InputError(description: "unknown option or extra argument '\(word)' (see 'dmaown check --help')") }
        guard let scenario else { throw InputError(description: "missing SCENARIO: a scenario file or a built-in scenario name") }
        let options = ExplorationOptions(
            maxStates: try OptionValue.count(maxStates, "max-states"), maxDepth: try OptionValue.count(maxDepth, "max-depth"),
            partialOrderReduction: !noPOR, countingBudget: count ? nil : ExplorationOptions.defaultCountingBudget,
            maxBytes: try OptionValue.bytes(maxMemory, "max-memory") ?? ExplorationOptions.defaultMaxBytes)
        let walks = try OptionValue.count(random, "random")
        let seedValue = try OptionValue.seed(seed)
        if seed != nil && walks == nil { throw InputError(description: "--seed needs --random N") }
        if walks != nil, let other = [(maxStates, "--max-states"), (maxDepth, "--max-depth"), (noPOR ? "" : nil, "--no-por")].first(where: { $0.0 != nil }) {
            throw InputError(description: "--random N walks whole schedules and takes no \(other.1); leave one of them out")
        }
        let loaded: Scenario
        do { loaded = try ScenarioLookup.load(scenario) } catch { throw InputError(description: error.description) }
        var schemeID = loaded.scheme
        if let scheme {
            guard let id = SchemeID(rawValue: scheme) else {
                throw InputError(description: "unknown scheme '\(scheme)' (expected one of: \(SchemeID.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            schemeID = id
        }
        let prepared: (run: Run, world: World)
        switch loaded.prepare(scheme: schemeID) {
        case .success(let p): prepared = p
        case .failure(let e): throw InputError(description: e.description)
        }
        let explorer = Explorer(run: prepared.run, world: prepared.world, options: options)
        if walks == nil, let cluster = explorer.oversizedCluster {
            throw InputError(description: "\(loaded.source):\(max(1, loaded.lines.threadsKey)): \(ClusterLimit.words(cluster, run: prepared.run))")
        }
        let line = ProgressLine()
        let exploration = walks.map { explorer.randomWalks(count: $0, seed: seedValue) } ?? explorer.explore(progress: line.update)
        line.finish()
        return CheckReport(
            title: loaded.title, scheme: schemeID, run: prepared.run, world: prepared.world, exploration: exploration,
            expectation: loaded.expect, expectedScheme: loaded.scheme, random: walks.map { ($0, seedValue) }, options: options)
    }
}
