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

    @Argument(help: "A scenario file or a built-in scenario name (default: \(ScenarioLookup.defaultName)); with --sysfs, the sysfs root (default /sys).",
              completion: CompletionCandidates.scenario)
    var scenario: String?

    @Flag(help: "Open this machine's IOMMU groups (as 'dmaown import-sysfs' reads them) instead of a scenario.")
    var sysfs = false

    @Option(help: "Override the scenario's scheme (and the preferences file's).")
    var scheme: SchemeID?

    @Option(help: "A theme name or a theme file path.", completion: CompletionCandidates.theme)
    var theme: String?

    @Option(help: "Seed for random steps (r, R).")
    var seed: UInt64?

    @Flag(help: "Challenge mode: the explorer's verdict stays hidden until you break an invariant by hand (X toggles it).")
    var challenge = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let preferencesPath = PreferencesFile.path(environment: environment)
        let (preferences, _) = preferencesPath.map(PreferencesFile.read(path:)) ?? (Preferences(), [])
        let schemeID = scheme ?? preferences.scheme
        let scenario: Scenario
        if sysfs {
            do { scenario = try SysfsImporter.importTopology(root: self.scenario ?? "/sys", managed: ManagedDrivers.known) } catch {
                throw InputError(nil, error.description)
            }
        } else {
            do { scenario = try ScenarioLookup.load(self.scenario ?? ScenarioLookup.defaultName) } catch { throw InputError(nil, error.description) }
        }
        try runUI { themeNames, seed in
            do throws(SetupError) { return try AppState(scenario: scenario, scheme: schemeID, themeNames: themeNames, seed: seed) } catch {
                throw InputError(nil, error.description)
            }
        }
    }

    /// Opens the terminal on the state `open` makes (given the theme names and the seed), with the
    /// preferences, theme, mouse and warnings as every session gets them; `dmaown learn` opens the
    /// course through this too.
    func runUI(extraWarnings: [String] = [], open: (_ themeNames: [String], _ seed: UInt64) throws -> AppState) throws {
        // Everything that can fail on bad input happens before the terminal is touched.
        let environment = ProcessInfo.processInfo.environment
        let preferencesPath = PreferencesFile.path(environment: environment)
        let (preferences, preferenceWarnings) = preferencesPath.map(PreferencesFile.read(path:)) ?? (Preferences(), [])
        let seed = self.seed ?? 1
        let themes = try loadThemes(preferred: preferences.theme, preferencesPath: preferencesPath)
        let warnings = extraWarnings + preferenceWarnings.map(\.description) + themes.warnings
        for w in warnings { FileHandleStderr.write("dmaown: warning: \(DisplayText.line(w))\n") }
        var state = try open(themes.names, seed)
        if challenge { state.challenge = Challenge() }
        state.themeIndex = themes.index
        state.wantsMouse = preferences.mouse ?? false
        if let w = warnings.first {
            // Also on stderr, but that is hidden behind the alternate screen until quit.
            let more = warnings.count > 1 ? " (and \(warnings.count - 1) more, printed on stderr)" : ""
            state.message = StatusMessage(.error, "warning: \(w)\(more)")
        }
        let utf8 = TerminalLocale.adoptFromEnvironment()
        let look = TerminalLook(theme: themes.selected, loadTheme: themes.load, environment: environment,
                                explicitTheme: theme != nil, glyphs: utf8 ? .unicode : .ascii, preferencesPath: preferencesPath)
        do {
            try TerminalRunner(state: state, look: look, explorer: Self.explorerWork).run()
        } catch {
            throw InputError(nil, error.description)
        }
    }

    /// The search behind the `x` key: every interleaving from the state's initial world.
    static func explorerWork(_ state: AppState) -> ExplorerWork? {
        let job = state.explorerJob
        return { progress, isCancelled in
            Explorer(run: job.run, world: job.world).explore(progress: progress, isCancelled: isCancelled)
        }
    }

    /// The theme to start with (`--theme`, else DMAOWN_THEME, else the preferences file's, else
    /// `default`), every theme name for `t`, and a loader for `.applyTheme`. A theme that `--theme`
    /// names but nobody can find is a usage error; one the preferences file names is a warning
    /// naming the file and line, and so is any problem inside a theme file: the UI starts anyway.
    ///
    /// `t` cycles from the theme started with: a theme given as a path joins the cycle at its front.
    private func loadThemes(preferred: String?, preferencesPath: String?) throws
        -> (selected: Theme, names: [String], index: Int, warnings: [String], load: @Sendable (String) -> Theme?) {
        let library = ThemeLibrary(environment: ProcessInfo.processInfo.environment)
        let wanted = theme ?? (library.environmentTheme == nil ? preferred : nil)
        var (selected, warnings) = library.load(wanted)
        var lines = warnings.map(\.description)
        if let wanted, warnings.contains(where: { $0.kind == .notFound && $0.file == wanted }) {
            guard theme == nil, let preferencesPath else {
                throw InputError(nil, "unknown theme '\(wanted)' (available: \(library.names().joined(separator: ", ")))")
            }
            // The preferences file named it: say where, and start in the default theme.
            let line = PreferencesFile.line(of: "theme", inFileAt: preferencesPath).map { ":\($0)" } ?? ""
            lines = ["\(preferencesPath)\(line): theme '\(wanted)' not found (available: \(library.names().joined(separator: ", "))); using 'default'"]
            (selected, warnings) = library.load("default")
            lines += warnings.map(\.description)
        }
        let load: @Sendable (String) -> Theme? = { name in
            let (t, w) = library.load(name)
            return w.contains { $0.kind == .notFound } ? nil : t
        }
        let (names, index) = library.cycle(explicit: wanted, selected: selected, warnings: warnings)
        return (selected, names, index, lines, load)
    }
}

/// Writes to stderr without Foundation.
enum FileHandleStderr {
    static func write(_ s: String) {
        var bytes = Array(s.utf8)
        _ = Glibc.write(STDERR_FILENO, &bytes, bytes.count)
    }
}
