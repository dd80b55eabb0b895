@testable import DMAOwnExplorer
import Testing

/// The hash and the comparison read a world as 16-byte blocks chosen by its length
/// (`WorldBlocks`): straight sequences up to 128 bytes, a loop beyond, bytes below 16. A block
/// left out would let two different worlds hash alike or compare equal; these tests change one
/// byte at every position of worlds of every block count and check both notice.
struct WorldBlocksTests {
    /// Lengths at and around every boundary of the block counts, the short and the long path.
    static let lengths = [1, 13, 15, 16, 17, 31, 32, 33, 48, 49, 64, 65, 70, 80, 81, 96, 97, 112, 113, 128, 129, 144, 160, 200]

    static func world(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } }

    @Test(arguments: lengths)
    func everyByteChangesTheHash(length n: Int) {
        let base = Self.world(n)
        let h0 = base.withUnsafeBytes { StateHash.hash($0) }
        for at in 0..<n {
            var w = base
            w[at] ^= 0x40
            let h = w.withUnsafeBytes { StateHash.hash($0) }
            #expect(h != h0, "a change at byte \(at) of a \(n)-byte world left the hash as it was")
        }
    }

    /// Every world reached with the same hash, so that only the comparison tells them apart:
    /// the base and its one-byte variants are all kept, each once.
    @Test(arguments: lengths)
    func everyByteTellsWorldsApart(length n: Int) {
        let layer = StateLayer(stride: n, expected: 2 * n + 2, counts: true, schedules: false)
        let base = Self.world(n)
        var worlds = [base]
        for at in 0..<n {
            var w = base
            w[at] ^= 0x40
            worlds.append(w)
        }
        for round in 0..<2 {
            for w in worlds {
                w.withUnsafeBytes { layer.reach($0, hash: 0xDEAD_BEEF_0000_0007, paths: 1, depth: 1, parent: 0, choice: 0) }
            }
            #expect(layer.count == worlds.count, "round \(round): \(layer.count) states kept for \(worlds.count) distinct \(n)-byte worlds")
        }
        for (i, w) in worlds.enumerated() {
            #expect(Array(layer.state(i)) == w)
            #expect(layer.paths[i] == 2, "world \(i) was met twice")
        }
    }
}
