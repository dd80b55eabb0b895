import ArgumentParser
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// `dmaown check`: Explore every interleaving of a scenario and report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Explore every interleaving of a scenario and report.",
        discussion: "Exit status: 0 no invariant broken, 1 some invariant broken, 2 the input could not be used. A scenario's [expect] is compared and reported (and in --json as expect.matches); it does not change the exit status.")

    @Argument(help: "A scenario file (TOML), or the name of a built-in scenario (see `dmaown scenarios`).",
              completion: CompletionCandidates.scenario)
    var scenario: String?
    @Option(help: "Override the scenario's scheme (one; 'dmaown compare' runs several).", completion: SchemeArgument.completion,
            transform: SchemeArgument.one)
    var scheme: SchemeID?
    @Flag(help: "Print one JSON object instead of text.")
    var json = false
    @Option(name: .customLong("max-states"), help: "Stop after this many states (the result is then partial).", transform: Count.positive)
    var maxStates: Int?
    @Option(name: .customLong("max-depth"), help: "Do not follow schedules longer than this (the result is then partial).", transform: Count.positive)
    var maxDepth: Int?
    @Option(help: "Instead of exhausting, try this many random schedules.", transform: Count.positive)
    var random: Int?
    @Option(help: "Seed for --random (default 1).")
    var seed: UInt64?
    @Flag(name: .customLong("no-por"), help: "Turn partial-order reduction off (same verdicts, more states).")
    var noPOR = false
    @Flag(help: "Count interleavings however many states that takes (default: up to 2,000,000 unreduced states).")
    var count = false
    @Flag(name: .customLong("no-symmetry"), help: "Visit every state, not one per set of states that differ only by swapping threads that run the same operation from the same start (same verdicts and counts, more states).")
    var noSymmetry = false
    @Option(name: .customLong("max-memory"), help: "Stop with a partial result when the search's tables would pass this many bytes (K, M, G suffixes; default a quarter of physical memory, at most 4G).",
            transform: Count.bytes)
    var maxMemory: Int?
    /// Words the parser does not know, collected so they exit 2 rather than the parser's 64.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    func run() throws {
        let report = try makeReport()
        if json { print(report.json.rendered) } else { HumanOutput.print(report.human, terminator: "") }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    private func makeReport() throws(InputError) -> CheckReport {
        if let word = unrecognized.first { throw InputError("check", "unknown option or extra argument '\(word)' (see 'dmaown check --help')") }
        guard let scenario else { throw InputError("check", "missing SCENARIO: a scenario file or a built-in scenario name") }
        let options = ExplorationOptions(
            maxStates: maxStates, maxDepth: maxDepth, partialOrderReduction: !noPOR,
            countingBudget: count ? nil : ExplorationOptions.defaultCountingBudget,
            maxBytes: maxMemory ?? ExplorationOptions.defaultMaxBytes, threadSymmetry: !noSymmetry)
        let walks = random
        let seedValue = seed ?? 1
        if seed != nil && walks == nil { throw InputError("check", "--seed needs --random N") }
        if walks != nil, let other = [(maxStates != nil, "--max-states"), (maxDepth != nil, "--max-depth"), (noPOR, "--no-por"), (noSymmetry, "--no-symmetry")].first(where: \.0) {
            throw InputError("check", "--random N walks whole schedules and takes no \(other.1); leave one of them out")
        }
        let loaded: Scenario
        do { loaded = try ScenarioLookup.load(scenario) } catch { throw InputError("check", error.description) }
        let line = ProgressLine()
        defer { line.finish() }
        switch CheckReport.make(loaded, scheme: scheme, options: options, random: walks.map { ($0, seedValue) }, progress: line.update) {
        case .success(let report): return report
        case .failure(.setup(let e)): throw InputError("check", e.description)
        case .failure(.oversized(let cluster, let run)):
            throw InputError("check", "\(loaded.source):\(max(1, loaded.lines.threadsKey)): \(ClusterLimit.words(cluster, run: run))")
        }
    }
}
