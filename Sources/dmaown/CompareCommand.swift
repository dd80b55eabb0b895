import ArgumentParser
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// `dmaown compare`: one scenario under several schemes, side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Explore a scenario under several schemes and compare them side by side.",
        discussion: """
            Each scheme is explored as 'dmaown check --scheme S' explores it. The report has a row \
            per scheme (verdict, invariants broken, outcomes, states, time) and a matrix with a row \
            per outcome and a column per scheme (its schedule count, or impossible); schemes with \
            identical results share a column. --format markdown adds each scheme's shortest \
            counterexample step by step, for a design review. Exit status: 0 no scheme breaks an \
            invariant, 1 some scheme does, 2 the input could not be used.
            """)

    /// What the report is written as.
    enum Format: String, CaseIterable, ExpressibleByArgument { case text, markdown }

    @Argument(help: "A scenario file (TOML), or the name of a built-in scenario (see `dmaown scenarios`).",
              completion: CompletionCandidates.scenario)
    var scenario: String?
    @Option(help: ArgumentHelp("The schemes to compare: names separated by commas, or all.", valueName: "list|all"),
            completion: SchemeArgument.completion, transform: SchemeArgument.list)
    var schemes: [SchemeID] = SchemeID.allCases
    @Flag(help: "Print one JSON object instead of text.")
    var json = false
    @Option(help: "Plain text for a terminal, or Markdown for a review (with each scheme's shortest counterexample).")
    var format: Format = .text
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?
    @Flag(help: "Overwrite FILE if it exists.")
    var force = false
    @Option(name: .customLong("max-states"), help: "Stop each scheme's search after this many states (its result is then partial).", transform: Count.positive)
    var maxStates: Int?
    @Option(name: .customLong("max-depth"), help: "Do not follow schedules longer than this (results are then partial).", transform: Count.positive)
    var maxDepth: Int?
    /// Words the parser does not know, collected so they exit 2 rather than the parser's 64.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    func run() throws {
        let report = try makeReport()
        let text = json ? report.json.rendered + "\n" : format == .markdown ? report.markdown : report.human
        try CommandOutput.emit(text, to: output, force: force, command: "compare", human: !json)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    private func makeReport() throws(InputError) -> CompareReport {
        if let word = unrecognized.first { throw InputError("compare", "unknown option or extra argument '\(word)' (see 'dmaown compare --help')") }
        guard let scenario else { throw InputError("compare", "missing SCENARIO: a scenario file or a built-in scenario name") }
        if json && format != .text { throw InputError("compare", "--json prints JSON; leave out --format \(format.rawValue)") }
        if schemes.isEmpty { throw InputError("compare", "--schemes names no scheme") }
        let loaded: Scenario
        do { loaded = try ScenarioLookup.load(scenario) } catch { throw InputError("compare", error.description) }
        let options = ExplorationOptions(maxStates: maxStates, maxDepth: maxDepth)
        let line = ProgressLine()
        defer { line.finish() }
        let entries = schemes.map { scheme -> CompareReport.Entry in
            line.label = "dmaown compare: \(scheme.rawValue)"
            switch CheckReport.make(loaded, scheme: scheme, options: options, progress: line.update) {
            case .success(let report): return .init(scheme: scheme, check: report)
            case .failure(.setup(let e)): return .init(scheme: scheme, failure: e.description)
            case .failure(.oversized(let cluster, let run)):
                return .init(scheme: scheme, failure: "\(loaded.source):\(max(1, loaded.lines.threadsKey)): \(ClusterLimit.words(cluster, run: run))")
            }
        }
        // A scenario no asked scheme can run is bad input, as it is for `check`.
        if entries.allSatisfy({ $0.check == nil }), let first = entries.first?.failure { throw InputError("compare", first) }
        return CompareReport(name: scenario, scenario: loaded, entries: entries)
    }
}
