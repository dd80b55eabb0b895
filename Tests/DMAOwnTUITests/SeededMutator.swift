import DMAOwnEngine
import DMAOwnTUI

/// The mutation fuzzer's input maker: from a valid file (a built-in scenario, a trace, a theme)
/// it derives a hostile one, deterministically from a seed, so any failure the fuzz tests report
/// is reproduced by its seed alone. Test-only: it lives beside the fuzz tests, not in the product.
struct SeededMutator {
    /// The TUI's own SplitMix64, seeded as the fuzz campaigns' recorded seeds expect.
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 | 1) }

    mutating func next() -> UInt64 { random.next() }

    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// Bytes and fragments that have broken parsers before: NUL, ESC sequences, C1, bidi
    /// controls, invalid UTF-8, quotes and brackets, signs, and numbers at every limit.
    static let fragments: [[UInt8]] = [
        [0], [0x1B], [0x1B, 0x5D, 0x30, 0x3B, 0x78, 0x07], [0x7F], [0xC2, 0x85], [0xE2, 0x80, 0xAE], [0xFF], [0xC3], [0xED, 0xA0, 0x80],
        Array("\"".utf8), Array("'".utf8), Array("\"\"\"".utf8), Array("[".utf8), Array("]".utf8), Array("[[groups]]".utf8),
        Array("=".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("#".utf8), Array(".".utf8), Array(",".utf8), Array(" ".utf8), Array("\t".utf8),
        Array("+".utf8), Array("-".utf8), Array("0x+6".utf8), Array("-9223372036854775808".utf8), Array("9223372036854775808".utf8),
        Array("1e400".utf8), Array("1.5".utf8), Array("256".utf8), Array("33".utf8), Array("0".utf8), Array("{".utf8), Array("}".utf8),
        Array("\\u0000".utf8), Array("\\u001b".utf8), Array("漢字".utf8), Array("🙂".utf8), Array(String(repeating: "x", count: 300).utf8),
        // toml++'s asserting shapes (TOMLLineIndex.unsafeShape): a header's first character, a
        // date's look-ahead for a time, and a line separator where an array item goes.
        Array("[#".utf8), Array("[.".utf8), Array("1979-05-27 0".utf8), Array("1979-05-27T07:32:00".utf8), Array("\u{2028}".utf8),
    ]

    /// One to four mutations of `input`: replace, insert or delete bytes, insert a fragment,
    /// duplicate or drop a line, or swap two lines.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...below(4) {
            let at = below(b.count + 1)
            switch below(7) {
            case 0 where !b.isEmpty: b[min(at, b.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 1: b.insert(UInt8(truncatingIfNeeded: next()), at: at)
            case 2 where !b.isEmpty:
                let n = min(b.count - min(at, b.count - 1), 1 + below(16))
                b.removeSubrange(min(at, b.count - 1)..<(min(at, b.count - 1) + n))
            case 3, 4: b.insert(contentsOf: Self.fragments[below(Self.fragments.count)], at: at)
            default:
                var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 1 else { continue }
                let i = below(lines.count), j = below(lines.count)
                switch below(3) {
                case 0: lines.insert(lines[i], at: j)
                case 1: lines.remove(at: i)
                default: lines.swapAt(i, j)
                }
                b = Array(lines.joined(separator: [0x0A]))
            }
        }
        return b
    }
}
