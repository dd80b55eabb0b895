/// Finding where a key or value sits in a scenario's text, for error messages that name a line.
///
/// TOMLKit (toml++ underneath) gives positions only for syntax errors, so once a file has parsed
/// the loader finds keys and values again here. This only locates text; values are always read
/// from the parsed TOML.
public enum ScenarioText {
    /// The 1-based line where `value` first appears quoted, else where `key` is assigned, else 1.
    public static func line(ofValue value: String, orKey key: String, in text: String) -> Int {
        let lines = split(text)
        if let i = lines.firstIndex(where: { containsQuoted(value, $0) }) { return i + 1 }
        if let i = lines.firstIndex(where: { $0.trimmingPrefixWhitespace().hasPrefix(key) }) { return i + 1 }
        return 1
    }

    /// The 1-based line where `key` is assigned inside `[table]` (nil: the top level before any header).
    public static func line(ofKey key: String, inTable table: String?, in text: String) -> Int? {
        let lines = split(text)
        return keyIndex(key, section(table, lines), lines).map { $0 + 1 }
    }

    /// The 1-based line of the header `[table]`.
    public static func line(ofTable table: String, in text: String) -> Int? {
        split(text).firstIndex(where: { headerName($0) == table }).map { $0 + 1 }
    }

    /// The 1-based line holding the `occurrence`-th (0-based) quoted `value` in the value of `key`
    /// inside `[table]`, which may be an array spanning several lines; falls back to the key's line.
    public static func line(ofValue value: String, inKey key: String, table: String?, occurrence: Int = 0, in text: String) -> Int? {
        let lines = split(text)
        let range = section(table, lines)
        guard let start = keyIndex(key, range, lines) else { return nil }
        var end = start + 1
        while end < range.upperBound, !startsAssignment(lines[end]) { end += 1 }
        var seen = 0
        for i in start..<end {
            // Skip the key itself so `"7" = ["7"]` finds the value, not the key.
            let body = i == start ? afterEquals(lines[i]) : lines[i]
            var rest = body
            while let r = quotedRange(value, in: rest) {
                if seen == occurrence { return i + 1 }
                seen += 1
                rest = rest[r.upperBound...]
            }
        }
        return start + 1
    }

    // MARK: Scanning

    private static func split(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line indices of `[table]`'s body, or of the top level when `table` is nil.
    private static func section(_ table: String?, _ lines: [Substring]) -> Range<Int> {
        guard let table else {
            let end = lines.firstIndex(where: { headerName($0) != nil }) ?? lines.count
            return 0..<end
        }
        guard let h = lines.firstIndex(where: { headerName($0) == table }) else { return 0..<0 }
        let end = lines[(h + 1)...].firstIndex(where: { headerName($0) != nil }) ?? lines.count
        return (h + 1)..<end
    }

    /// `drivers` for a line `[drivers]  # comment`; nil for any other line.
    private static func headerName(_ line: Substring) -> String? {
        let t = line.trimmingPrefixWhitespace()
        guard t.hasPrefix("["), !t.hasPrefix("[["), let close = t.firstIndex(of: "]") else { return nil }
        let after = t[t.index(after: close)...].trimmingPrefixWhitespace()
        guard after.isEmpty || after.hasPrefix("#") else { return nil }
        return t[t.index(after: t.startIndex)..<close].trimmingCharacters(in: " \t")
    }

    private static func keyIndex(_ key: String, _ range: Range<Int>, _ lines: [Substring]) -> Int? {
        range.first { keyName(lines[$0]) == key }
    }

    /// The key a line assigns (`key =`, `"key" =`, `'key' =`), unquoted.
    private static func keyName(_ line: Substring) -> String? {
        let t = line.trimmingPrefixWhitespace()
        guard let eq = t.firstIndex(of: "=") else { return nil }
        var k = t[..<eq].trimmingCharacters(in: " \t")
        if k.count >= 2, let f = k.first, f == "\"" || f == "'", k.last == f { k = String(k.dropFirst().dropLast()) }
        guard !k.isEmpty, !k.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "[" || $0 == "#" || $0 == "," }) else { return nil }
        return k
    }

    private static func startsAssignment(_ line: Substring) -> Bool {
        headerName(line) != nil || keyName(line) != nil
    }

    private static func afterEquals(_ line: Substring) -> Substring {
        line.firstIndex(of: "=").map { line[line.index(after: $0)...] } ?? line
    }

    private static func containsQuoted(_ value: String, _ line: Substring) -> Bool {
        quotedRange(value, in: line) != nil
    }

    private static func quotedRange(_ value: String, in line: Substring) -> Range<Substring.Index>? {
        line.firstRange(of: "\"\(value)\"") ?? line.firstRange(of: "'\(value)'")
    }
}

extension Substring {
    func trimmingPrefixWhitespace() -> Substring { drop(while: { $0 == " " || $0 == "\t" }) }
    func trimmingCharacters(in set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
