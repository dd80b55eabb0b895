import ArgumentParser
import DMAOwnEngine
import DMAOwnScenario

// Option values the parser reads itself: a bad value is the parser's one-line error (exit 2 through
// `DMAOwn.main`), its message lists the valid values, and completions offer them, all taken from
// the types' `allCases`, so a new scheme, format or invariant needs no edit here.

extension SchemeID: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension Invariant: ExpressibleByArgument {}

/// Numbers given on the command line.
enum Count {
    /// A count of states, steps or walks: at least 1, since 0 would make an empty, useless run.
    @Sendable static func positive(_ text: String) throws -> Int {
        guard let n = Int(text), n > 0 else { throw ValidationError("expected a positive integer") }
        return n
    }

    /// A size in bytes, optionally with a K, M or G suffix (powers of 1024), as `--max-memory` takes.
    @Sendable static func bytes(_ text: String) throws -> Int {
        var digits = Substring(text)
        var unit = 1
        if let last = digits.last, let shift = ["K": 10, "M": 20, "G": 30][last.uppercased()] {
            unit = 1 << shift
            digits = digits.dropLast()
        }
        guard let n = Int(digits), n > 0, n <= Int.max / unit else {
            throw ValidationError("expected a number of bytes, optionally with K, M or G")
        }
        return n * unit
    }
}
