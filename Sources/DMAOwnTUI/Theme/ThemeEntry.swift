/// A theme file found by `ThemeLibrary`, with the lookup step that found it.
public struct ThemeEntry: Sendable, Equatable {
    /// The name `--theme` takes: the file name without `.toml`.
    public var name: String
    /// The file, or `built-in:themes/NAME.toml` for a built-in theme, so `dmaown themes` can say where it came from.
    public var path: String
    /// Which lookup step found it, e.g. "user config ($XDG_CONFIG_HOME/dmaown/themes)" or "built in".
    public var origin: String

    public init(name: String, path: String, origin: String) { self.name = name; self.path = path; self.origin = origin }
}
