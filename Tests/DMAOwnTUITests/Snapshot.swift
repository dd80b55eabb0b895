import Foundation
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

    /// With DMAOWN_SNAPSHOT_DUMP=DIR, a snapshot that differs is written to DIR as an old/new pair,
    /// for a reviewer to inspect and splice into the expected literals (the test still fails).
    static func offerUpdate(expected: String, actual: String) {
        guard expected != actual, let dir = ProcessInfo.processInfo.environment["DMAOWN_SNAPSHOT_DUMP"] else { return }
        let name = dir + "/" + String(UInt(bitPattern: expected.hashValue))
        try? expected.write(toFile: name + ".old", atomically: true, encoding: .utf8)
        try? actual.write(toFile: name + ".new", atomically: true, encoding: .utf8)
    }
}
