/// The one sanitiser for text a person reads: names, titles, values and whole reports taken from
/// input files pass through here before they reach a terminal, so no file can move the cursor,
/// retitle the window, ring the bell, reverse the text's direction or split an error over lines.
///
/// C0 controls, DEL, C1 controls, bidi controls and line/paragraph separators are shown as visible
/// escapes (`\e`, `\n`, `\u{202E}`); everything else passes unchanged. JSON output keeps its own
/// escaping and Markdown/Mermaid/DOT escape per their syntax on top of this.
public enum DisplayText {
    /// Whether `scalar` must never reach a terminal raw.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x2028 || v == 0x2029
    }

    /// The visible escape for an unsafe scalar: `\n`, `\t`, `\r`, `\e`, `\0`, else `\u{XX}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\t": "\\t"
        case "\r": "\\r"
        case "\u{1B}": "\\e"
        case "\0": "\\0"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// `text` on one line with every unsafe scalar escaped: for error lines, status lines, cells.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if isUnsafe(u) { out.append(contentsOf: escape(u).unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// `text` with its line breaks (and tabs) kept and every other unsafe scalar escaped: for
    /// multi-line reports (`check`, `replay`, text exports) whose own layout uses newlines.
    public static func lines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if isUnsafe(u) && u != "\n" && u != "\t" { out.append(contentsOf: escape(u).unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// The columns `text` takes in a terminal: East Asian wide characters and emoji take two, so
    /// tables of names align whatever script the names are in.
    public static func columns(_ text: String) -> Int {
        var n = 0
        for ch in text {
            guard let first = ch.unicodeScalars.first else { continue }
            let v = first.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
                || (0x20000...0x3FFFD).contains(v) || ch.unicodeScalars.contains { $0.properties.isEmojiPresentation }
            n += wide ? 2 : 1
        }
        return n
    }

    /// The most of a value an error quotes.
    public static let quoteLimit = 80

    /// `'value'` escaped onto one line, cut to `quoteLimit` characters with the full length said,
    /// so a 400 KB value gives a short error line.
    public static func quote(_ value: String) -> String {
        let escaped = line(value)
        guard escaped.count > quoteLimit else { return "'\(escaped)'" }
        return "'\(escaped.prefix(quoteLimit))…' (\(value.count) characters)"
    }
}
