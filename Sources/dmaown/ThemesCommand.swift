import ArgumentParser
import DMAOwnScenario
import DMAOwnTUI
import Foundation

/// `dmaown themes`: List the colour themes found.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes", abstract: "List the colour themes found.",
        discussion: "With a NAME, shows every role of that theme. Colour previews need a terminal and NO_COLOR unset.")

    @Argument(help: "Show every role of this theme (a name or a path).")
    var name: String?

    @Option(help: "Preview at this depth: truecolor, 256, 16 or mono (default: detected).")
    var depth: String?

    @Flag(help: "With NAME: draw the TUI's first screen (120×40, built-in scenario) in that theme instead.")
    var screen = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let library = ThemeLibrary(environment: environment, executablePath: Self.executablePath)
        let previewDepth = try previewDepth(environment)
        if let name {
            let (theme, warnings) = library.load(name)
            for w in warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
            if screen {
                let state = try AppState(scenario: BuiltinScenarios.load(BuiltinScenarios.defaultName), themeNames: [theme.name])
                let buffer = App.render(state, size: Size(width: 120, height: 40), glyphs: .unicode)
                for line in ThemePreview.screen(buffer, theme: theme, depth: previewDepth ?? .monochrome) { print(line) }
                return
            }
            HumanOutput.print("\(theme.name): \(theme.description)\n  \(theme.origin)")
            for line in ThemePreview.swatch(theme, depth: previewDepth) { print("  " + line) }
            return
        }
        var listed: Set<String> = []
        for entry in library.entries() {
            let (theme, warnings) = library.load(entry.path)
            let shadowed = listed.insert(entry.name).inserted ? "" : " (shadowed by the earlier \(entry.name))"
            HumanOutput.print("\(entry.name)\(shadowed): \(theme.description)")
            HumanOutput.print("  from \(entry.path) [\(entry.origin)]\(warnings.isEmpty ? "" : ", \(warnings.count) warning(s)")")
            print("  " + ThemePreview.line(theme, depth: previewDepth))
            for w in warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
        }
        if listed.isEmpty { HumanOutput.print("no themes found (looked in \(library.directories.map(\.path).joined(separator: ", ")))") }
    }

    /// The depth for previews, or nil for plain words (not a terminal, or NO_COLOR); a --depth
    /// given explicitly is honoured even into a pipe, so a depth can be inspected with `cat -v`.
    func previewDepth(_ environment: [String: String]) throws -> ColorDepth? {
        guard isatty(1) == 1 || depth != nil else { return nil }
        switch depth {
        case nil:
            let term = environment["TERM"] ?? ""
            let colors = term.contains("direct") ? 1 << 24 : term.contains("256") ? 256 : term.isEmpty || term == "dumb" ? 0 : 8
            let detected = ColorDepth.detect(environment: environment, terminfoColors: colors, directColor: false)
            return detected == .monochrome && environment["NO_COLOR"].map({ !$0.isEmpty }) == true ? nil : detected
        case "truecolor": return .truecolor
        case "256": return .indexed256
        case "16": return .ansi16
        case "mono": return .monochrome
        case let other?: throw ValidationError("unknown depth '\(other)' (truecolor, 256, 16, mono)")
        }
    }

    /// This executable's real path, from which the package's or installation's `themes/` is found.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
