/// The one check every text file read by dmaown passes before parsing (scenarios, traces, themes):
/// it is UTF-8 and holds no NUL byte, and when it is not, the line of the first bad byte is known.
///
/// toml++ stops silently at a NUL, so without this everything after one (unknown keys, a bad
/// invariant name) would be ignored and the file accepted.
public enum InputText {
    /// Why bytes are not usable text, with the 1-based line of the first offending byte.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case notUTF8(line: Int, byte: UInt8)
        case nul(line: Int)

        public var line: Int {
            switch self { case .notUTF8(let l, _), .nul(let l): l }
        }

        public var description: String {
            switch self {
            case .notUTF8(_, let b): "not UTF-8 text (byte 0x\(String(b, radix: 16, uppercase: true)))"
            case .nul: "a NUL byte, which no text file holds"
            }
        }
    }

    /// `bytes` as a String, or the first problem in it.
    public static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        if let p = firstProblem(bytes) { return .failure(p) }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// The first NUL in `text`, for text that came already decoded (a trace's embedded scenario).
    public static func problem(in text: String) -> Problem? {
        guard text.utf8.contains(0) else { return nil }
        var line = 1
        for b in text.utf8 {
            if b == 0 { return .nul(line: line) }
            if b == 0x0A { line += 1 }
        }
        return nil
    }

    /// Validates UTF-8 by hand (overlongs, surrogates and values past U+10FFFF are errors) so the
    /// line of the first bad byte is known, not just that decoding failed.
    static func firstProblem(_ bytes: [UInt8]) -> Problem? {
        var i = 0, line = 1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return .nul(line: line) }
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            let length: Int, lowest: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; lowest = 0x80
            case 0xE0...0xEF: length = 3; lowest = 0x800
            case 0xF0...0xF4: length = 4; lowest = 0x10000
            default: return .notUTF8(line: line, byte: b)
            }
            guard i + length <= n else { return .notUTF8(line: line, byte: b) }
            var value = UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return .notUTF8(line: line, byte: c) }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < lowest || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return .notUTF8(line: line, byte: b) }
            i += length
        }
        return nil
    }
}
