/// Finding where a key or value sits in a scenario's text, for error messages that name a line.
///
/// TOMLKit (toml++ underneath) gives positions only for syntax errors, so once a file has parsed
/// the loader finds keys and values again here. This only locates text; values are always read
/// from the parsed TOML. Tables are named by their key path, so a header may quote its parts:
/// `["devices", "0000:01:00.0"]` is `[devices."0000:01:00.0"]`.
public enum ScenarioText {
    /// The 1-based line where `value` first appears quoted, else where `key` is assigned, else 1.
    public static func line(ofValue value: String, orKey key: String, in text: String) -> Int {
        let lines = split(text)
        if let i = lines.firstIndex(where: { quotedRange(value, in: $0) != nil }) { return i + 1 }
        if let i = lines.firstIndex(where: { $0.trimmingPrefixWhitespace().hasPrefix(key) }) { return i + 1 }
        return 1
    }

    /// The 1-based line where `key` is assigned inside the table at `table` (`[]`: the top level before any header).
    public static func line(ofKey key: String, inTable table: [String], in text: String) -> Int? {
        let lines = split(text)
        return keyIndex(key, section(table, lines), lines).map { $0 + 1 }
    }

    /// The 1-based line of the header of the table at `table`.
    public static func line(ofTable table: [String], in text: String) -> Int? {
        split(text).firstIndex(where: { headerPath($0) == table }).map { $0 + 1 }
    }

    /// The 1-based line holding the `occurrence`-th (0-based) quoted `value` in the value of `key`
    /// inside the table at `table`, which may be an array spanning several lines; falls back to the key's line.
    public static func line(ofValue value: String, inKey key: String, table: [String], occurrence: Int = 0, in text: String) -> Int? {
        let lines = split(text)
        let range = section(table, lines)
        guard let start = keyIndex(key, range, lines) else { return nil }
        var end = start + 1
        while end < range.upperBound, !startsAssignment(lines[end]) { end += 1 }
        var seen = 0
        for i in start..<end {
            // Skip the key itself so `"7" = ["7"]` finds the value, not the key.
            var rest = i == start ? afterEquals(lines[i]) : lines[i]
            while let r = quotedRange(value, in: rest) {
                if seen == occurrence { return i + 1 }
                seen += 1
                rest = rest[r.upperBound...]
            }
        }
        return start + 1
    }

    // MARK: Scanning

    /// Lines without their terminators; "\r\n" (files written on Windows) is one Character in Swift.
    static func split(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// The line indices of the body of the table at `path`, or of the top level when `path` is empty.
    private static func section(_ path: [String], _ lines: [Substring]) -> Range<Int> {
        guard !path.isEmpty else {
            let end = lines.firstIndex(where: { headerPath($0) != nil }) ?? lines.count
            return 0..<end
        }
        guard let h = lines.firstIndex(where: { headerPath($0) == path }) else { return 0..<0 }
        let end = lines[(h + 1)...].firstIndex(where: { headerPath($0) != nil }) ?? lines.count
        return (h + 1)..<end
    }

    /// `["devices", "0000:01:00.0"]` for a line `[devices."0000:01:00.0"]  # comment`; nil for any other line.
    private static func headerPath(_ line: Substring) -> [String]? {
        let t = line.trimmingPrefixWhitespace()
        guard t.hasPrefix("["), !t.hasPrefix("[[") else { return nil }
        var parts: [String] = [], part = "", quote: Character? = nil
        var i = t.index(after: t.startIndex)
        while i < t.endIndex {
            let c = t[i]
            if let q = quote {
                if c == q { quote = nil } else { part.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(part)
                part = ""
            } else if c == "]" {
                parts.append(part)
                let after = t[t.index(after: i)...].trimmingPrefixWhitespace()
                return after.isEmpty || after.hasPrefix("#") ? parts : nil
            } else if c != " " && c != "\t" {
                part.append(c)
            }
            i = t.index(after: i)
        }
        return nil
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
        headerPath(line) != nil || keyName(line) != nil
    }

    private static func afterEquals(_ line: Substring) -> Substring {
        line.firstIndex(of: "=").map { line[line.index(after: $0)...] } ?? line
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
