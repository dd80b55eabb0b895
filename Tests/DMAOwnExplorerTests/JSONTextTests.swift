import Foundation
import Testing
@testable import DMAOwnExplorer

/// `JSONText` writes bytes, not characters: every string must still come back as it went in,
/// with no raw control character in the text.
@Suite struct JSONTextTests {
    /// Every control character, quotes, backslashes and characters of two, three and four UTF-8
    /// bytes, alone and among others, as keys and as values.
    static let awkward: [String] = {
        var out = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        out += ["", "\"", "\\", "\\\"", "a\"b\\c\nd\re\tf", "é", "\u{202E}evil", "😀 ok", "\u{7F}", "\u{85}", "plain", "0000:03:00.1"]
        out.append(out.joined())
        return out
    }()

    @Test func stringsComeBackAsTheyWent() throws {
        let value = JSONText.object(Self.awkward.enumerated().map { ("\($0.offset)\($0.element)", .array([.string($0.element), .int($0.offset)])) })
        let text = value.rendered
        #expect(!text.utf8.contains { $0 < 0x20 }, "a raw control character in \(text.debugDescription)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [Any]])
        #expect(decoded.count == Self.awkward.count)
        for (i, s) in Self.awkward.enumerated() {
            let entry = try #require(decoded["\(i)\(s)"], "key \(i) lost")
            #expect(entry.first as? String == s, "value \(i)")
            #expect(entry.last as? Int == i)
        }
    }

    @Test func numbersAndLiterals() {
        let value = JSONText.array([.int(-3), .uint(UInt128.max), .double(0.5), .double(.infinity), .bool(true), .bool(false), .null])
        #expect(value.rendered == "[-3, 340282366920938463463374607431768211455, 0.5, null, true, false, null]")
    }
}

/// Every report lists outcomes in one order: most frequent first, then by results as text.
@Suite struct OutcomeOrderTests {
    static func text(_ o: Outcome) -> String { o.results.joined(separator: ",") }

    @Test func mostFrequentFirstThenByText() {
        var rng = SystemRandomNumberGenerator()
        let names = ["0", "-EBUSY", "-EINVAL", "crashed", "deadlocked", "waiting"]
        for _ in 0..<50 {
            let outcomes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                Outcome(results: (0..<3).map { _ in names.randomElement(using: &rng)! }, schedules: ScheduleCount(Int.random(in: 0...4, using: &rng)))
            }
            let sorted = Outcome.mostFrequentFirst(outcomes)
            #expect(sorted.count == outcomes.count)
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                let inOrder = a.schedules > b.schedules || a.schedules == b.schedules && Self.text(a) <= Self.text(b)
                #expect(inOrder, "\(a) before \(b)")
            }
            let before = outcomes.map(Self.text).sorted(), after = sorted.map(Self.text).sorted()
            #expect(before == after)
        }
    }
}
