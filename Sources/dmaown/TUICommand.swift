import ArgumentParser
import Foundation
import Glibc
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import DMAOwnTUI
import DMAOwnTerminal

/// `dmaown tui`: Open the terminal UI on a scenario (the default).
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI on a scenario (the default).")

    @Argument(help: "A scenario file or a built-in scenario name (default: \(ScenarioLookup.defaultName)); with --sysfs, the sysfs root (default /sys).")
    var scenario: String?

    @Flag(help: "Open this machine's IOMMU groups (as 'dmaown import-sysfs' reads them) instead of a scenario.")
    var sysfs = false

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
            if sysfs {
                do { scenario = try SysfsImporter.importTopology(root: self.scenario ?? "/sys", managed: ManagedDrivers.known) } catch {
                    throw UsageFailure(error.description)
                }
            } else {
                do { scenario = try ScenarioLookup.load(self.scenario ?? ScenarioLookup.defaultName) } catch { throw UsageFailure(error.description) }
            }
            let themes = try loadThemes()
            do {
                var opened = try AppState(scenario: scenario, scheme: schemeID, themeNames: themes.names, seed: seed)
                opened.themeIndex = themes.index
                if let w = themes.warnings.first {
                    // Also on stderr, but that is hidden behind the alternate screen until quit.
                    let more = themes.warnings.count > 1 ? " (and \(themes.warnings.count - 1) more, printed on stderr)" : ""
                    opened.message = StatusMessage(.error, "theme warning: \(w)\(more)")
                }
                state = opened
            } catch {
                throw UsageFailure(error.description)
            }
            let utf8 = TerminalLocale.adoptFromEnvironment()
            look = TerminalLook(theme: themes.selected, loadTheme: themes.load, environment: ProcessInfo.processInfo.environment,
                                explicitTheme: theme != nil, glyphs: utf8 ? .unicode : .ascii)
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

    /// The theme to start with (`--theme`, DMAOWN_THEME, `default`), every theme name for `t`, and a
    /// loader for `.applyTheme`. A theme that `--theme` names but nobody can find is a usage error;
    /// problems inside a theme file are warnings and the UI starts anyway.
    ///
    /// `t` cycles from the theme started with: a theme given as a path joins the cycle at its front.
    private func loadThemes() throws -> (selected: Theme, names: [String], index: Int, warnings: [ThemeWarning], load: @Sendable (String) -> Theme?) {
        let environment = ProcessInfo.processInfo.environment
        let library = ThemeLibrary(environment: environment, executablePath: Self.executablePath)
        let (selected, warnings) = library.load(theme)
        if let theme, warnings.contains(where: { $0.kind == .notFound && $0.file == theme }) {
            throw UsageFailure("unknown theme '\(theme)' (available: \(library.names().joined(separator: ", ")))")
        }
        for w in warnings { FileHandleStderr.write("dmaown: warning: \(DisplayText.line(w.description))\n") }
        let load: @Sendable (String) -> Theme? = { name in
            let (t, w) = library.load(name)
            return w.contains { $0.kind == .notFound } ? nil : t
        }
        let (names, index) = library.cycle(explicit: theme, selected: selected, warnings: warnings)
        return (selected, names, index, warnings, load)
    }

    /// This executable's path, so themes shipped beside it are found.
    private static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// One line on stderr and exit status 2: the terminal was never touched.
    private static func fail(_ message: String) throws -> Never {
        FileHandleStderr.write("dmaown: \(DisplayText.line(message))\n")
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
