@testable import DMAOwnTUI

/// Screen snapshots as text: the characters (trailing spaces trimmed so editors cannot break
/// them) and a grid of one letter per cell for its role (`Role.letter`).
enum Snapshot {
    static func text(_ buf: CellBuffer) -> String {
        buf.lines.map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    static func roles(_ buf: CellBuffer) -> String {
        (0..<buf.height).map { y in String((0..<buf.width).map { buf[$0, y].role.letter }) }.joined(separator: "\n")
    }
}
