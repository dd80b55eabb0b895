import DMAOwnScenario

/// Finds the line of a key in a theme's TOML text, because TOMLKit reports positions only for
/// syntax errors: the scenario loader's one-pass index, so themes and scenarios agree on lines.
struct TOMLKeyLocator {
    private let index: TOMLLineIndex

    init(_ text: String) { index = TOMLLineIndex(text) }

    /// The 1-based line of `path` (e.g. ["roles", "text", "fg"]): the most specific line found.
    func line(of path: [String]) -> Int? { index.knownLine(of: path) }
}
