import DMAOwnEngine

/// What a person asked the TUI to remember (`$XDG_CONFIG_HOME/dmaown/config.toml`). Each value is
/// optional: a key left out means "as if there were no file". `--theme`, DMAOWN_THEME and
/// `--scheme` win over it, so a script or a one-off run never has to edit the file.
public struct Preferences: Sendable, Equatable {
    /// A theme name or a path, as `--theme` takes.
    public var theme: String?
    /// The scheme the TUI opens scenarios under, in place of the scenario's own.
    public var scheme: SchemeID?
    /// Mouse reporting on at start (`m` still toggles it).
    public var mouse: Bool?

    public init(theme: String? = nil, scheme: SchemeID? = nil, mouse: Bool? = nil) {
        self.theme = theme; self.scheme = scheme; self.mouse = mouse
    }
}

/// A problem in the preferences file. It is reported and the value left out; the TUI starts anyway.
public struct PreferencesWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The 1-based line, when it could be found.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) { self.file = file; self.line = line; self.message = message }

    /// `FILE:LINE: message`, like every other file error in dmaown.
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
