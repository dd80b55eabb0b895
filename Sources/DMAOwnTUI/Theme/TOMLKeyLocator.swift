/// Finds the line of a key in TOML text, because TOMLKit reports positions only for syntax errors.
struct TOMLKeyLocator {
    /// Each line's text, and the `[table]` section it sits in ("" before the first header).
    private let lines: [(section: String, text: Substring, header: String?)]

    init(_ text: String) {
        var section = ""
        var result: [(String, Substring, String?)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("["), !line.hasPrefix("[["), let close = line.firstIndex(of: "]") {
                section = Self.normalise(line[line.index(after: line.startIndex)..<close])
                result.append((section, line, section))
            } else {
                result.append((section, line, nil))
            }
        }
        lines = result
    }

    /// The 1-based line of `path` (e.g. ["roles", "text", "fg"]): the most specific line found.
    func line(of path: [String]) -> Int? {
        for split in stride(from: path.count - 1, through: 0, by: -1) {
            let section = path[..<split].joined(separator: ".")
            let key = path[split...].joined(separator: ".")
            if let i = lines.firstIndex(where: { $0.header == nil && $0.section == section && Self.starts($0.text, with: path[split]) }) {
                return i + 1
            }
            if let i = lines.firstIndex(where: { $0.header == (section.isEmpty ? key : section + "." + key) }) { return i + 1 }
        }
        return nil
    }

    /// Whether `line` assigns `key` (bare or quoted), directly or through a dotted key.
    private static func starts(_ line: Substring, with key: String) -> Bool {
        for form in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(form) {
            let rest = line.dropFirst(form.count).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("=") || rest.hasPrefix(".") { return true }
        }
        return false
    }

    /// `[ roles . "text" ]` → `roles.text`.
    private static func normalise(_ header: Substring) -> String {
        header.filter { $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" }
    }
}
