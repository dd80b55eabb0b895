import ArgumentParser
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import Foundation

/// `dmaown export`: Export a scenario's counterexample or a trace for design reviews.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a scenario's counterexample or a trace for design reviews.",
        discussion: """
            Given a scenario (a TOML file or a built-in name) the explorer runs, and the shortest \
            schedule breaking the first invariant found is exported, or one complete schedule when \
            nothing breaks. Given a trace (a .json file) its schedule is exported. DOT draws the \
            whole explored state graph and refuses graphs above \(DotExporter.maxStates) states.
            """)

    @Argument(help: "A scenario file, a built-in scenario name, or a trace (.json).")
    var input: String

    // A string, not the enum, so a wrong value is exit status 2 like every other bad input.
    @Option(help: "markdown, mermaid, dot, json or text.")
    var format: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Overwrite FILE if it exists.")
    var force = false

    @Option(help: "Use this scheme instead of the file's: notifier, v6, merged, iommufd, robin or robin-locked.")
    var scheme: String?

    @Option(help: ArgumentHelp("For a scenario: export the counterexample for this invariant instead of the first one found.", valueName: "NAME"))
    var invariant: String?

    func run() throws {
        guard let format = ExportFormat(rawValue: format) else {
            throw InputError.exit("export", "--format '\(format)': unknown format (expected one of: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var override: SchemeID?
        if let scheme {
            guard let id = SchemeID(rawValue: scheme) else {
                throw InputError.exit("export", "--scheme '\(scheme)': unknown scheme (expected one of: \(SchemeID.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            override = id
        }
        var wanted: Invariant?
        if let invariant {
            guard let i = Invariant(rawValue: invariant) else {
                throw InputError.exit("export", "--invariant '\(invariant)': unknown invariant (expected one of: \(Invariant.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            wanted = i
        }
        let source = try ExportSource.load(input, scheme: override)
        var graph: ExploredGraph?
        var schedule = source.schedule
        if schedule == nil || format == .dot {
            // An export needs a counterexample, not outcome counts: skip the full counting pass.
            let explorer = Explorer(run: source.run, world: source.initial, options: .init(countSchedules: false))
            if let cluster = explorer.oversizedCluster {
                throw InputError.exit("export", "\(input): \(ClusterLimit.words(cluster, run: source.run))")
            }
            let exploration = explorer.explore()
            if schedule == nil, let wanted {
                guard let found = exploration.violations.first(where: { $0.invariant == wanted }) else {
                    let broken = exploration.violations.map(\.invariant.rawValue)
                    throw InputError.exit("export", "\(input): no schedule breaks \(wanted.rawValue) (broken: \(broken.isEmpty ? "none" : broken.joined(separator: ", ")))")
                }
                schedule = found.schedule
            }
            if schedule == nil { schedule = Exporter.schedule(for: exploration, run: source.run, initial: source.initial) }
            if format == .dot {
                guard let g = explorer.stateGraph(maxStates: DotExporter.maxStates) else {
                    // The reduced search above saw fewer states than the graph DOT would draw: count those.
                    let full = Explorer(run: source.run, world: source.initial,
                                        options: .init(partialOrderReduction: false, countSchedules: false)).explore().states
                    throw InputError.exit("export", "\(input): the state graph has \(full) states; DOT export draws at most \(DotExporter.maxStates) (try --format mermaid or markdown)")
                }
                graph = ExploredGraph(g, run: source.run, initial: source.initial)
            }
        }
        let text: String
        do {
            text = try Exporter.export(format, scenario: source.scenario, run: source.run, initial: source.initial,
                                       schedule: schedule ?? [], graph: graph)
        } catch { throw InputError.exit("export", "\(input): \(error)") }
        try CommandOutput.emit(text, to: output, force: force, command: "export", human: format != .json)
    }
}

/// What `export` was given, made ready to play: a scenario's run and initial world, and for a
/// trace the schedule it recorded.
struct ExportSource {
    var scenario: Scenario
    var run: Run
    var initial: World
    /// The trace's schedule; nil for a scenario, whose schedule the explorer picks.
    var schedule: [Choice]?

    /// Reads `input` as a trace (a `.json` file, or a file starting with `{`), a scenario file,
    /// or a built-in scenario name, in that order.
    static func load(_ input: String, scheme: SchemeID?) throws -> ExportSource {
        if isTrace(input) {
            do {
                var trace = try Trace.load(path: input)
                if let scheme { trace.scheme = scheme }
                let replayed = try TraceReplay.replay(trace, file: input)
                return ExportSource(scenario: replayed.scenario, run: replayed.run, initial: replayed.worlds[0],
                                    schedule: trace.steps.map { Choice(thread: $0.thread - 1, fail: $0.fail) })
            } catch { throw InputError.exit("export", "\(error)") }
        }
        // Scenarios load exactly as every other command loads them: one path, one verdict.
        let scenario: Scenario
        do { scenario = try ScenarioLookup.load(input) } catch { throw InputError.exit("export", "\(error)") }
        return try prepare(scenario, scheme: scheme)
    }

    /// A `.json` file, or a file whose first non-blank byte is `{`.
    private static func isTrace(_ input: String) -> Bool {
        guard FileManager.default.fileExists(atPath: input) else { return false }
        if input.hasSuffix(".json") { return true }
        guard case .success(let bytes) = FileRead.bytes(input, limit: ScenarioLoader.maxFileSize) else { return false }
        return bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
    }

    private static func prepare(_ scenario: Scenario, scheme: SchemeID?) throws -> ExportSource {
        switch scenario.prepare(scheme: scheme) {
        case .success(let (run, world)): return ExportSource(scenario: scenario, run: run, initial: world, schedule: nil)
        case .failure(let e): throw InputError.exit("export", e.description)
        }
    }
}
