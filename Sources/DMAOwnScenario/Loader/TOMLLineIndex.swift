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
    /// The first character found where a key must be that no TOML key may hold, and its line.
    /// toml++ trips an assertion (and crashes) on some of these, so the loader refuses them first.
    public private(set) var badKeyCharacter: (line: Int, character: String)?

    /// Indexes `text` (already parsed successfully, so it is valid TOML; anything else is indexed
    /// as far as it makes sense).
    public init(_ text: String) {
        var lexer = Lexer(bytes: Array(text.utf8))
        lexer.document()
        lines = lexer.lines
        badKeyCharacter = lexer.badKey
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
                    let path = keyPath(until: UInt8(ascii: "]"))
                    if peek() == UInt8(ascii: "]") { i += 1 }
                    if isArray, peek() == UInt8(ascii: "]") { i += 1 }
                    table = path
                    for n in 1...max(1, path.count) where n <= path.count { record(Array(path[..<n]), at: headerLine) }
                } else {
                    let keyLine = line
                    let key = keyPath(until: UInt8(ascii: "="))
                    for n in 1...max(1, key.count) where n <= key.count { record(table + key[..<n], at: keyLine) }
                    skipBlank(newlines: false)
                    if peek() == UInt8(ascii: "=") {
                        i += 1
                        skipBlank(newlines: false)
                        value(table + key)
                    }
                }
                skipToLineEnd()
                if i == start { advance() }  // never stall on text the lexer does not understand
            }
        }

        /// A dotted key or header path: bare, "basic" and 'literal' parts; stops before `end`, a newline or the end.
        private mutating func keyPath(until end: UInt8) -> [String] {
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
                    // Not valid in a key: note the first such character (whole, for UTF-8), skip it.
                    if badKey == nil {
                        var end = i + 1
                        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                        badKey = (line, String(decoding: bytes[i..<end], as: UTF8.self))
                    }
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
                    let before = i, keyLine = line
                    let key = keyPath(until: UInt8(ascii: "="))
                    for n in 1...max(1, key.count) where n <= key.count { record(path + key[..<n], at: keyLine) }
                    skipBlank(newlines: false)
                    if peek() == UInt8(ascii: "=") {
                        i += 1
                        skipBlank(newlines: false)
                        value(path + key)
                    }
                    if i == before { advance() }
                }
            default:
                // Numbers, booleans, dates: up to the next delimiter.
                while let d = peek(), d != UInt8(ascii: ","), d != UInt8(ascii: "]"), d != UInt8(ascii: "}"),
                      d != UInt8(ascii: "\n"), d != UInt8(ascii: "#") { i += 1 }
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

        private mutating func skipToLineEnd() {
            while let c = peek(), c != UInt8(ascii: "\n") { i += 1 }
        }
    }
}
