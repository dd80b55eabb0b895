import ArgumentParser
import Glibc
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import DMAOwnTUI
import DMAOwnTerminal

/// `dmaown tui`: Open the terminal UI on a scenario (the default).
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI on a scenario (the default).")

    @Argument(help: "A scenario file or a built-in scenario name (default: \(ScenarioLookup.defaultName)).")
    var scenario: String?

    @Option(help: "Override the scenario's scheme: \(SchemeID.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scheme: String?

    @Option(help: "A theme name or a theme file path.")
    var theme: String?

    @Option(help: "Seed for random steps (r, R).")
    var seed: String?

    func run() throws {
        // Everything that can fail on bad input happens before the terminal is touched.
        let state: AppState
        let look: TerminalLook
        do {
            let schemeID = try parseScheme()
            let seed = try parseSeed()
            let scenario: Scenario
            do { scenario = try ScenarioLookup.load(self.scenario ?? ScenarioLookup.defaultName) } catch { throw UsageFailure(error.description) }
            let themes = try loadThemes()
            do {
                state = try AppState(scenario: scenario, scheme: schemeID, themeNames: themes.names, seed: seed)
            } catch {
                throw UsageFailure(error.description)
            }
            let utf8 = TerminalLocale.adoptFromEnvironment()
            let noColor = (getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty == false
            look = TerminalLook(theme: themes.selected, themes: themes.byName, monochrome: noColor && theme == nil,
                                glyphs: utf8 ? .unicode : .ascii)
        } catch let failure as UsageFailure {
            try Self.fail(failure.message)
        }
        do {
            try TerminalRunner(state: state, look: look, explorer: Self.explorerWork).run()
        } catch {
            try Self.fail(error.description)
        }
    }

    /// The search behind the `x` key: every interleaving from the state's initial world.
    static func explorerWork(_ state: AppState) -> ExplorerWork? {
        let job = state.explorerJob
        return { progress, isCancelled in
            Explorer(run: job.run, world: job.world).explore(progress: progress, isCancelled: isCancelled)
        }
    }

    private func parseScheme() throws -> SchemeID? {
        guard let scheme else { return nil }
        guard let id = SchemeID(rawValue: scheme) else {
            throw UsageFailure("unknown scheme '\(scheme)' (one of: \(SchemeID.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return id
    }

    private func parseSeed() throws -> UInt64 {
        guard let seed else { return 1 }
        guard let n = UInt64(seed) else { throw UsageFailure("--seed '\(seed)' is not a non-negative integer") }
        return n
    }

    /// The themes available to the TUI. TEMPORARY: only the built-in theme until branch `themes`
    /// brings theme files, lookup order and `--theme NAME|PATH`.
    private func loadThemes() throws -> (selected: Theme, byName: [String: Theme], names: [String]) {
        let builtIn = Theme.builtIn
        if let theme, theme != builtIn.name, theme != "default" {
            throw UsageFailure("unknown theme '\(theme)' (available: \(builtIn.name))")
        }
        return (builtIn, [builtIn.name: builtIn, "default": builtIn], ["default"])
    }

    /// One line on stderr and exit status 2: the terminal was never touched.
    private static func fail(_ message: String) throws -> Never {
        FileHandleStderr.write("dmaown: \(message)\n")
        throw ExitCode(2)
    }
}

/// A bad argument or input file, worded as one line.
struct UsageFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Writes to stderr without Foundation.
enum FileHandleStderr {
    static func write(_ s: String) {
        var bytes = Array(s.utf8)
        _ = Glibc.write(STDERR_FILENO, &bytes, bytes.count)
    }
}
