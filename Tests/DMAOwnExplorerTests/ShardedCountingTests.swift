import Testing
import DMAOwnEngine
@testable import DMAOwnExplorer
import DMAOwnTestSupport

/// A counting pass run as two halves on two threads (`LayeredSearch.countInShards`) must read
/// exactly like the same pass on one thread: the same states, transitions, outcomes and counts,
/// the same stop at the same state bound, with threads folded or not, by level or by length.
@Suite struct ShardedCountingTests {
    /// The one-thread pass and the sharded one, with the same configuration.
    /// `shardAfter`: the states the pass expands on one thread before it is handed to two (0:
    /// after the first level).
    static func both(_ run: Run, _ world: World, _ config: LayeredSearch.Config, fold: Bool,
                     shardAfter: Int = 0) -> (whole: LayeredSearch, sharded: LayeredSearch) {
        var config = config
        config.symmetry = fold ? ThreadSymmetry(run: run, world: world) : nil
        let whole = LayeredSearch(run: run, initial: world, config: config, persistent: nil)
        whole.search(progress: { _ in }, isCancelled: { false })
        var again = config
        again.symmetry = fold ? ThreadSymmetry(run: run, world: world) : nil
        let sharded = LayeredSearch.countInShards(run: run, initial: world, config: again, shardAfter: shardAfter,
                                                  progress: { _ in }, isCancelled: { false })
        return (whole, sharded)
    }

    /// The same figures; a pass stopped by the state bound stops after as many states, but which
    /// states of the last level those are depends on the order they were found in, and so may
    /// their transitions (no report shows a stopped counting pass's transitions).
    static func expectSame(_ a: LayeredSearch, _ b: LayeredSearch, _ what: String) {
        #expect(a.states == b.states, "\(what)")
        if a.stop != .maxStates { #expect(a.transitions == b.transitions, "\(what)") }
        #expect(a.complete == b.complete, "\(what)")
        #expect(a.stop == b.stop, "\(what)")
        #expect(a.maxDepthSeen == b.maxDepthSeen, "\(what)")
        #expect(a.symmetrySaturated == b.symmetrySaturated, "\(what)")
        #expect(a.outcomes == b.outcomes, "\(what)")
    }

    static func counting(maxStates: Int? = nil, maxDepth: Int? = nil, byLength: Bool = false) -> LayeredSearch.Config {
        .init(reduce: false, judge: false, count: true, maxStates: maxStates, maxDepth: maxDepth, byLength: byLength)
    }

    @Test(arguments: SchemeID.allCases)
    func shardedEqualsWhole(scheme: SchemeID) throws {
        var gen = RandomScenarios(rng: SplitMix64(seed: 0x5AA2_D000 + UInt64(SchemeID.allCases.firstIndex(of: scheme)!)))
        var mailed = 0
        for i in 0..<30 {
            var s = i % 2 == 0 ? gen.draw(scheme: scheme) : gen.drawSeveralGroups(scheme: scheme)
            if i % 3 == 2 { s.world = gen.advance(s.run, s.world, steps: Int(gen.rng.next() % 4) + 1) }
            for byLength in [false, true] {
                for fold in [false, true] {
                    // Handed over after the first level, or part-way.
                    let after = (i + (byLength ? 1 : 0)) % 2 == 0 ? 0 : 13
                    let (whole, sharded) = Self.both(s.run, s.world, Self.counting(byLength: byLength), fold: fold, shardAfter: after)
                    try #require(whole.complete, "\(s)")
                    Self.expectSame(whole, sharded, "\(s) byLength \(byLength) fold \(fold) after \(after)")
                    if sharded.shard != nil { mailed += 1 }
                }
            }
        }
        // Graphs done before the hand-over would show nothing about the two halves.
        #expect(mailed >= 60, "only \(mailed) passes went on on two threads")
    }

    /// A state bound stops both after exactly as many states, wherever in a level it falls; a
    /// depth bound cuts the same schedules.
    @Test func boundsStopAtTheSamePlace() throws {
        let c = ScaleFamily.make(devices: 3, operations: 4)
        let (full, _) = Self.both(c.run, c.world, Self.counting(), fold: false)
        try #require(full.complete && full.states > 100)
        for bound in [1, 2, 7, full.states / 3, full.states / 2 + 1, full.states - 1, full.states, full.states + 1] {
            let (whole, sharded) = Self.both(c.run, c.world, Self.counting(maxStates: bound), fold: false, shardAfter: bound % 2 == 0 ? 0 : 40)
            Self.expectSame(whole, sharded, "max states \(bound)")
            #expect(sharded.states == min(bound, full.states), "max states \(bound)")
        }
        for depth in [0, 1, 3, full.maxDepthSeen - 1] {
            let (whole, sharded) = Self.both(c.run, c.world, Self.counting(maxDepth: depth), fold: true)
            Self.expectSame(whole, sharded, "max depth \(depth)")
        }
    }

    /// A larger graph, folded: many states per level, so every mailbox grows past its first block.
    @Test func largerFoldedGraph() {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        for after in [0, 2_000] {
            let (whole, sharded) = Self.both(c.run, c.world, Self.counting(), fold: true, shardAfter: after)
            #expect(whole.complete && whole.states > 10_000)
            #expect(sharded.shard != nil)
            Self.expectSame(whole, sharded, "N4K6 folded, after \(after)")
        }
    }

    /// A pass handed over in the middle of a level (at a multiple of 1,024 states, as
    /// `CountingAhead` hands over once the verdict pass is done): the level's states not yet
    /// expanded are shared out with the levels to come, and the result is the whole pass's.
    @Test func handedOverMidLevel() throws {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        var midLevel = 0
        for fold in [false, true] {
            var config = Self.counting()
            config.symmetry = fold ? ThreadSymmetry(run: c.run, world: c.world) : nil
            let whole = LayeredSearch(run: c.run, initial: c.world, config: config, persistent: nil)
            whole.search(progress: { _ in }, isCancelled: { false })
            for after in [1, 1_024, 3_000, 5_000, 9_000] {
                config.symmetry = fold ? ThreadSymmetry(run: c.run, world: c.world) : nil
                let pass = LayeredSearch(run: c.run, initial: c.world, config: config, persistent: nil)
                pass.search(suspendingAfter: after, progress: { _ in }, isCancelled: { false })
                let at = try #require(pass.suspendedAt, "after \(after) fold \(fold)")
                if at.from > 0 {
                    // Mid-level, a pass hands over only at a multiple of 1,024 states, once past `after`.
                    #expect(pass.states >= after && pass.states % 1_024 == 0, "after \(after): handed over at \(pass.states)")
                    midLevel += 1
                }
                pass.continueInShards(progress: { _ in }, isCancelled: { false })
                #expect(pass.shard != nil)
                Self.expectSame(whole, pass, "N4K6 fold \(fold), handed over after \(after) at level \(at.level) state \(at.from)")
            }
        }
        // Hand-overs that all fell on level boundaries would not show the mid-level split.
        #expect(midLevel >= 6, "only \(midLevel) hand-overs were mid-level")
    }

    /// A pass smaller than the hand-over stays on one thread: a thread and two barriers a level
    /// cost more than a small graph takes.
    @Test func smallPassesStayOnOneThread() {
        let c = ScaleFamily.make(devices: 3, operations: 4)
        let pass = LayeredSearch.countInShards(run: c.run, initial: c.world, config: Self.counting(), progress: { _ in }, isCancelled: { false })
        #expect(pass.complete && pass.states < LayeredSearch.shardAfter)
        #expect(pass.shard == nil && pass.otherCPUSeconds == 0)
    }

    /// Cancelling stops both halves (no thread left waiting at a barrier) with a partial result.
    @Test func cancellingStopsBothHalves() {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        var asked = 0
        let pass = LayeredSearch.countInShards(run: c.run, initial: c.world, config: Self.counting(), shardAfter: 0, progress: { _ in },
                                               isCancelled: { asked += 1; return asked > 2 })
        #expect(pass.stop == .cancelled && !pass.complete && pass.cancelled)
        #expect(asked == 3)
    }

    /// A memory bound stops both halves at one level with `memory` as the reason.
    @Test func memoryBoundStopsBothHalves() {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        var config = Self.counting()
        config.maxBytes = 64 * 1024
        let pass = LayeredSearch.countInShards(run: c.run, initial: c.world, config: config, shardAfter: 0, progress: { _ in }, isCancelled: { false })
        #expect(pass.stop == .memory && !pass.complete)
        #expect(pass.peakBytes > 0)
    }
}
