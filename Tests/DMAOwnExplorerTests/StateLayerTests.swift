import DMAOwnEngine
@testable import DMAOwnExplorer
import Testing

/// The level table the explorer keeps its unexpanded states in: raw columns, so nothing else
/// guards it. Checked against a dictionary on many worlds, past several growths of its columns
/// (they start at 8 states) and of its index (it starts at 64 slots).
struct StateLayerTests {
    /// A 13-byte world (not a multiple of 8, so the hash and compare read a partial last word)
    /// whose first two bytes are `i`; the rest is fixed.
    static func world(_ i: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: i), UInt8(truncatingIfNeeded: i >> 8)] + Array(repeating: 0xA5, count: 11)
    }

    struct Seen { var index: Int; var paths: ScheduleCount; var depth: UInt32; var parent: UInt32 }

    /// Every world reached several times, from parents of different depths, in a scrambled order.
    @Test(arguments: [(true, true), (true, false), (false, true)])
    func keepsEveryStateOnceWithItsPathsAndShortestParent(counts: Bool, schedules: Bool) {
        let layer = StateLayer(stride: 13, expected: 10, counts: counts, schedules: schedules)
        Self.fillAndCheck(layer, counts: counts, schedules: schedules, seed: 7)
    }

    /// A level built in the memory a freed level left in the pool (its columns already grown and
    /// full of the old level's states, its index cleared) holds exactly what a fresh one would:
    /// nothing of the old level shows through, and the pool's held bytes go down by what it gave.
    @Test(arguments: [(true, true), (true, false), (false, true)])
    func aLevelInReusedMemoryStartsEmpty(counts: Bool, schedules: Bool) {
        let pool = LayerPool()
        do {
            let old = StateLayer(stride: 13, expected: 10, counts: counts, schedules: schedules, pool: pool)
            Self.fillAndCheck(old, counts: counts, schedules: schedules, seed: 99)
        }
        let kept = pool.heapBytes
        #expect(kept > 0, "a freed level's memory is kept for the next one")
        // The old level grew its index for about 1,500 states: a level expecting as many takes it.
        let layer = StateLayer(stride: 13, expected: 1_500, counts: counts, schedules: schedules, pool: pool)
        #expect(pool.heapBytes == 0, "the new level took both the columns and the index")
        #expect(layer.count == 0)
        Self.fillAndCheck(layer, counts: counts, schedules: schedules, seed: 7)
    }

    /// Reaches worlds from a seeded stream and checks the level against a dictionary.
    static func fillAndCheck(_ layer: StateLayer, counts: Bool, schedules: Bool, seed: UInt64) {
        var model: [[UInt8]: Seen] = [:]
        var order: [[UInt8]] = []
        var rng = SplitMix64(seed: seed)
        for step in 0..<6_000 {
            let w = Self.world(Int(rng.next() % 1_500))
            let depth = UInt32(1 + rng.next() % 9), parent = UInt32(step), paths = ScheduleCount(1 + rng.next() % 5)
            w.withUnsafeBytes { layer.reach($0, hash: StateHash.hash($0), paths: paths, depth: depth, parent: parent, choice: UInt8(step & 0xFF)) }
            if var s = model[w] {
                s.paths += paths
                if depth < s.depth { s.depth = depth; s.parent = parent }
                model[w] = s
            } else {
                model[w] = Seen(index: order.count, paths: paths, depth: depth, parent: parent)
                order.append(w)
            }
        }
        #expect(layer.count == order.count)
        #expect(order.count > 1_000, "enough distinct worlds to grow the columns and the index several times")
        for (i, w) in order.enumerated() {
            let s = model[w]!
            #expect(Array(layer.state(i)) == w, "state \(i) moved or was overwritten")
            #expect(layer.depth[i] == s.depth)
            if counts { #expect(layer.paths[i] == s.paths) }
            if schedules { #expect(layer.parent[i] == s.parent) }
        }
    }

    /// The first level holds the initial world with one (empty) schedule and no predecessor.
    @Test func theFirstLevelIsTheInitialWorld() {
        let w = Self.world(42)
        let layer = w.withUnsafeBytes { StateLayer(initial: $0, counts: true, schedules: true) }
        #expect(layer.count == 1)
        #expect(Array(layer.state(0)) == w)
        #expect(layer.paths[0] == 1 && layer.depth[0] == 0 && layer.parent[0] == UInt32.max)
    }
}
