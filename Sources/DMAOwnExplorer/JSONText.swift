/// A JSON value with object keys kept in the order written, so reports read in the README's order.
public indirect enum JSONText: Sendable, Equatable {
    case string(String)
    case int(Int)
    case uint(UInt128)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([(String, JSONText)])

    public static func == (a: JSONText, b: JSONText) -> Bool { a.rendered == b.rendered }

    /// Compact JSON text.
    ///
    /// Written as UTF-8 bytes and made a `String` once: appending to a `String` piece by piece
    /// cost about 700 instructions an append, and a report of 4,096 outcomes has 600,000 of them.
    public var rendered: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .string(let s): JSONText.quote(s, into: &out)
        case .int(let i): out += String(i).utf8
        case .uint(let u): out += String(u).utf8
        case .double(let d): out += (d.isFinite ? String(d) : "null").utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, v) in items.enumerated() {
                if i > 0 { out += ", ".utf8 }
                v.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in fields.enumerated() {
                if i > 0 { out += ", ".utf8 }
                JSONText.quote(k, into: &out)
                out += ": ".utf8
                v.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `s` as a JSON string: quotes, backslashes and control characters (below U+0020) escaped,
    /// byte by byte (every byte of a character beyond ASCII is 0x80 or above, copied as it is).
    private static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += "\\\"".utf8
            case UInt8(ascii: "\\"): out += "\\\\".utf8
            case UInt8(ascii: "\n"): out += "\\n".utf8
            case UInt8(ascii: "\r"): out += "\\r".utf8
            case UInt8(ascii: "\t"): out += "\\t".utf8
            case ..<0x20:
                let hex = String(b, radix: 16)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
