import DMAOwnEngine

/// Where each key and each array item of a TOML text sits, found in one pass over the text.
///
/// TOMLKit (toml++ underneath) gives positions only for syntax errors, so once a file has parsed the
/// loader needs its own map from key paths to lines for errors that name a line. Building the map
/// once, with a lexer that knows strings (multi-line too), comments, quoted and dotted keys, dotted
/// headers, arrays of tables and inline tables, keeps loading linear in the file's size (searching
/// the text again for each key made a 10,000-device file take minutes) and keeps lines right where
/// a text search is fooled (a `key =` inside a multi-line string, a quoted key with a space).
///
/// This only locates text; values are always read from the parsed TOML. It never traps on any
/// input: text the lexer does not understand just ends the index early.
public struct TOMLLineIndex: Sendable {
    /// The 1-based line where each key path is first assigned or first opened as a table header.
    /// Array items are paths too: `["groups", "7", "2"]` is the third item of `groups.7`.
    private(set) var lines: [[String]: Int] = [:]
    /// The first non-ASCII character found outside strings and comments (in a key, or where a
    /// value or a line's end must be), and its line. TOML allows none there, and toml++ trips an
    /// assertion (and crashes) on some (a non-ASCII key, a no-break space before a value), so the
    /// loader and the theme reader refuse them first.
    public private(set) var badKeyCharacter: (line: Int, character: String)?

    /// A value position holding nothing (`x = }`, `[ }`): toml++ asserts on those too.
    public private(set) var missingValueLine: Int?

    /// Other shapes on which toml++ 3.4 (TOMLKit 0.6) asserts instead of reporting an error, each
    /// invalid TOML anyway, with its line, the offending text and why in words:
    /// - a table header whose name does not start with a key character or a quote (`[#x]`, `[.x]`,
    ///   `[` at a line's end): `parse_table_header` calls `parse_key`, which asserts its first
    ///   character is one (toml.hpp:15481);
    /// - a date, one space and one digit, then the value's end (`1979-05-27 0,`): `parse_value`
    ///   looks past the space for a time and asserts the digit is followed by more (toml.hpp:15080);
    /// - underscores inside a date (`1979-05-2___7 0`): past about 110 of them that look-ahead
    ///   steps back further than its reader keeps (toml.hpp:13017).
    public private(set) var unsafeShape: (line: Int, text: String, message: String)?

    /// What the lexer refuses before toml++ sees the text, with its line, in words: the first in the text.
    public var problem: (line: Int, character: String, message: String)? {
        var found: [(line: Int, character: String, message: String)] = []
        if let b = badKeyCharacter {
            found.append((b.line, b.character, "\(DisplayText.quote(b.character)) may appear only inside a quoted string or a comment"))
        }
        if let l = missingValueLine { found.append((l, "", "a value is missing")) }
        if let u = unsafeShape { found.append((u.line, u.text, u.message)) }
        return found.min { $0.line < $1.line }
    }

    /// Indexes `text` (already parsed successfully, so it is valid TOML; anything else is indexed
    /// as far as it makes sense).
    public init(_ text: String) {
        var lexer = Lexer(bytes: Array(text.utf8))
        lexer.document()
        lines = lexer.lines
        badKeyCharacter = lexer.badKey
        missingValueLine = lexer.missingValue
        unsafeShape = lexer.unsafeShape
    }

    /// The line of the key at `path`, or of its nearest enclosing key or header that has one; 1 when none.
    public func line(of path: [String]) -> Int {
        var p = path[...]
        while !p.isEmpty {
            if let l = lines[Array(p)] { return l }
            p = p.dropLast()
        }
        return 1
    }

    /// The line of the key at `path` or of its nearest enclosing key or header; nil when none is in the text.
    public func knownLine(of path: [String]) -> Int? {
        var p = path[...]
        while !p.isEmpty {
            if let l = lines[Array(p)] { return l }
            p = p.dropLast()
        }
        return nil
    }

    /// The line holding item `index` of the array at `path`, which may span several lines; the
    /// first line of a multi-line string's content for a string written with `"""`.
    public func line(of path: [String], item index: Int) -> Int {
        line(of: path + [String(index)])
    }

    /// The lexer: a cursor over UTF-8 bytes that counts lines as it goes.
    private struct Lexer {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lines: [[String]: Int] = [:]
        var badKey: (line: Int, character: String)?
        var missingValue: Int?
        var unsafeShape: (line: Int, text: String, message: String)?

        init(bytes: [UInt8]) { self.bytes = bytes }

        private var atEnd: Bool { i >= bytes.count }
        private func peek(_ offset: Int = 0) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }

        private mutating func advance() {
            if bytes[i] == UInt8(ascii: "\n") { line += 1 }
            i += 1
        }

        private mutating func record(_ path: [String], at l: Int) {
            if lines[path] == nil { lines[path] = l }
        }

        mutating func document() {
            var table: [String] = []
            while true {
                skipBlank(newlines: true)
                guard let c = peek() else { return }
                let start = i
                if c == UInt8(ascii: "[") {
                    let isArray = peek(1) == UInt8(ascii: "[")
                    i += isArray ? 2 : 1
                    let headerLine = line
                    checkHeaderStart()
                    let path = keyPath(until: UInt8(ascii: "]"), strict: true)
                    if peek() == UInt8(ascii: "]") { i += 1 }
                    if isArray, peek() == UInt8(ascii: "]") { i += 1 }
                    table = path
                    recordPrefixes(of: path, under: [], at: headerLine)
                } else {
                    keyValue(under: table, strict: true)
                }
                skipToLineEnd()
                if i == start { advance() }  // never stall on text the lexer does not understand
            }
        }

        /// A dotted key or header path: bare, "basic" and 'literal' parts; stops before `end`, a newline or the end.
        /// Records every prefix of the dotted key `path` under `table` (`a`, `a.b`, `a.b.c`) at line `l`.
        private mutating func recordPrefixes(of path: [String], under table: [String], at l: Int) {
            for n in stride(from: 1, through: path.count, by: 1) { record(table + path[..<n], at: l) }
        }

        /// One `key = value` under `table`, at the top level (`strict`: a header's key rules) or
        /// inside an inline table.
        private mutating func keyValue(under table: [String], strict: Bool) {
            let keyLine = line
            let key = keyPath(until: UInt8(ascii: "="), strict: strict)
            recordPrefixes(of: key, under: table, at: keyLine)
            skipBlank(newlines: false)
            if peek() == UInt8(ascii: "=") {
                i += 1
                skipBlank(newlines: false)
                value(table + key)
            }
        }

        private mutating func keyPath(until end: UInt8, strict: Bool = false) -> [String] {
            var parts: [String] = []
            while let c = peek(), c != end, c != UInt8(ascii: "\n") {
                skipBlank(newlines: false)
                guard let c = peek(), c != end, c != UInt8(ascii: "\n") else { break }
                if c == UInt8(ascii: "\"") {
                    parts.append(basicString())
                } else if c == UInt8(ascii: "'") {
                    parts.append(literalString())
                } else if c == UInt8(ascii: ".") {
                    i += 1
                    continue
                } else if Self.isBare(c) {
                    let s = i
                    while let b = peek(), Self.isBare(b) { i += 1 }
                    parts.append(String(decoding: bytes[s..<i], as: UTF8.self))
                } else {
                    // Not valid in a key: a non-ASCII or control character (toml++ asserts on
                    // those) is noted; other ASCII is left for toml++ to report in its words.
                    if strict { note() } else { noteIfNotASCII() }
                    advance()
                }
            }
            return parts
        }

        private static func isBare(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
        }

        /// A value at `path`: strings, arrays (recording each item's line), inline tables, scalars.
        private mutating func value(_ path: [String]) {
            guard let c = peek() else { return }
            if [UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(c) {
                if missingValue == nil { missingValue = line }
                return
            }
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if peek(1) == c && peek(2) == c { multilineString(quote: c) }
                else if c == UInt8(ascii: "\"") { _ = basicString() }
                else { _ = literalString() }
            case UInt8(ascii: "["):
                i += 1
                var index = 0
                while true {
                    skipBlank(newlines: true)
                    guard let d = peek() else { return }
                    if d == UInt8(ascii: "]") { i += 1; return }
                    if d == UInt8(ascii: ",") { i += 1; continue }
                    let before = i
                    record(path + [String(index)], at: itemLine())
                    value(path + [String(index)])
                    index += 1
                    if i == before { advance() }
                }
            case UInt8(ascii: "{"):
                i += 1
                while true {
                    skipBlank(newlines: true)
                    guard let d = peek() else { return }
                    if d == UInt8(ascii: "}") { i += 1; return }
                    if d == UInt8(ascii: ",") { i += 1; continue }
                    let before = i
                    keyValue(under: path, strict: false)
                    if i == before { advance() }
                }
            default:
                checkDateLookahead()
                // Numbers, booleans, dates: up to the next delimiter, all ASCII.
                while let d = peek(), d != UInt8(ascii: ","), d != UInt8(ascii: "]"), d != UInt8(ascii: "}"),
                      d != UInt8(ascii: "\n"), d != UInt8(ascii: "#") { noteIfNotASCII(); i += 1 }
            }
        }

        /// The line an item starting here is reported on: a multi-line string's content starts
        /// after the newline that directly follows its opening quotes (TOML drops that newline).
        private func itemLine() -> Int {
            guard let q = peek(), q == UInt8(ascii: "\"") || q == UInt8(ascii: "'"), peek(1) == q, peek(2) == q else { return line }
            if peek(3) == UInt8(ascii: "\n") || (peek(3) == UInt8(ascii: "\r") && peek(4) == UInt8(ascii: "\n")) { return line + 1 }
            return line
        }

        private mutating func basicString() -> String {
            i += 1
            var out: [UInt8] = []
            while let c = peek(), c != UInt8(ascii: "\n") {
                i += 1
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\"), let e = peek() {
                    i += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "e"): out.append(0x1B)
                    case UInt8(ascii: "u"), UInt8(ascii: "U"):
                        let n = e == UInt8(ascii: "u") ? 4 : 8
                        let end = min(bytes.count, i + n)
                        let hex = String(decoding: bytes[i..<end], as: UTF8.self)
                        i = end
                        if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { out.append(contentsOf: Array(String(s).utf8)) }
                    default: out.append(e)
                    }
                } else {
                    out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        private mutating func literalString() -> String {
            i += 1
            let s = i
            while let c = peek(), c != UInt8(ascii: "'"), c != UInt8(ascii: "\n") { i += 1 }
            let text = String(decoding: bytes[s..<i], as: UTF8.self)
            if peek() == UInt8(ascii: "'") { i += 1 }
            return text
        }

        /// `"""…"""` or `'''…'''`, counting the lines it spans; up to two quotes may end the content.
        private mutating func multilineString(quote q: UInt8) {
            i += 3
            while !atEnd {
                if q == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\") {
                    i += 1
                    if !atEnd { advance() }
                    continue
                }
                if bytes[i] == q, peek(1) == q, peek(2) == q {
                    i += 3
                    while peek() == q { i += 1 }
                    return
                }
                advance()
            }
        }

        /// Spaces, tabs, comments, and with `newlines` line ends too.
        private mutating func skipBlank(newlines: Bool) {
            while let c = peek() {
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                    i += 1
                } else if c == UInt8(ascii: "#") {
                    while let d = peek(), d != UInt8(ascii: "\n") { i += 1 }
                } else if newlines, c == UInt8(ascii: "\n") {
                    advance()
                } else {
                    return
                }
            }
        }

        /// The rest of a line after a statement: a comment may hold anything, elsewhere only ASCII.
        private mutating func skipToLineEnd() {
            var inComment = false
            while let c = peek(), c != UInt8(ascii: "\n") {
                if c == UInt8(ascii: "#") { inComment = true }
                if !inComment { noteIfNotASCII() }
                i += 1
            }
        }

        /// A header's name must start with a key character, a quote or (an error toml++ reports
        /// itself) `]`; anything else, even the end of the line, reaches toml++'s asserting `parse_key`.
        private mutating func checkHeaderStart() {
            var j = i
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
            guard j < bytes.count else { return }
            let c = bytes[j]
            guard !Self.isBare(c), c != UInt8(ascii: "\""), c != UInt8(ascii: "'"), c != UInt8(ascii: "]") else { return }
            var end = j + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let character = String(decoding: bytes[j..<end], as: UTF8.self)
            shape("a table header's name must start with a letter, digit, '-', '_' or a quote, not \(DisplayText.quote(character))", character)
        }

        /// toml++ reads `1979-05-27 07:32:00` by looking past a date's space for a time; a date
        /// (ten characters, `-` at the fifth and eighth) then one space and one digit then the
        /// value's end, or underscores in the date, make that look-ahead assert. Neither is valid
        /// TOML (a time is HH:MM:SS; dates have no `_`).
        private mutating func checkDateLookahead() {
            var j = i, chars: [UInt8] = [], underscores = false
            while j < bytes.count, !Self.endsValue(bytes[j]) {
                if bytes[j] == UInt8(ascii: "_") { underscores = true } else { chars.append(bytes[j]) }
                j += 1
            }
            guard chars.count == 10, (0x30...0x39).contains(chars[0]), chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
                  j + 1 < bytes.count, bytes[j] == UInt8(ascii: " "), (0x30...0x39).contains(bytes[j + 1]) else { return }
            let loneDigit = j + 2 < bytes.count && Self.endsValue(bytes[j + 2])
            guard underscores || loneDigit else { return }
            let text = String(decoding: bytes[i..<(j + 2)], as: UTF8.self)
            shape("\(DisplayText.quote(text)) is not a date or date-time (YYYY-MM-DD, then optionally a space or T and HH:MM:SS)", text)
        }

        /// What ends a value for toml++: whitespace (any non-ASCII byte counts, to be safe), `]`, `}`, `,`, `#`.
        private static func endsValue(_ c: UInt8) -> Bool {
            c == 0x20 || (0x09...0x0D).contains(c) || c >= 0x80
                || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: ",") || c == UInt8(ascii: "#")
        }

        private mutating func shape(_ message: String, _ text: String) {
            if unsafeShape == nil { unsafeShape = (line, text, message) }
        }

        /// Records the character at the cursor if it is the first non-ASCII or control character.
        private mutating func noteIfNotASCII() {
            guard i < bytes.count, bytes[i] >= 0x80 || (bytes[i] < 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0D) || bytes[i] == 0x7F else { return }
            note()
        }

        /// Records the character at the cursor (whole, for UTF-8) if none was recorded yet.
        private mutating func note() {
            guard badKey == nil, i < bytes.count else { return }
            var end = i + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            badKey = (line, String(decoding: bytes[i..<end], as: UTF8.self))
        }
    }
}
