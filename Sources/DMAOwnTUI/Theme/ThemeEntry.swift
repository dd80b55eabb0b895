/// A theme file found by `ThemeLibrary`, with the lookup step that found it.
public struct ThemeEntry: Sendable, Equatable {
    /// The name `--theme` takes: the file name without `.toml`.
    public var name: String
    /// The file, so `dmaown themes` can say where a theme came from.
    public var path: String
    /// Which lookup step found it, e.g. "user config ($XDG_CONFIG_HOME)" or "package (next to the executable)".
    public var origin: String

    public init(name: String, path: String, origin: String) { self.name = name; self.path = path; self.origin = origin }
}
