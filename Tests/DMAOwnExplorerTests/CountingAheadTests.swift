import Testing
import DMAOwnEngine
@testable import DMAOwnExplorer

/// The counting pass run ahead beside the verdict pass (`CountingAhead`) gives the pass the
/// calling thread would have, or nothing when it had to be dropped, never a partial one.
@Suite struct CountingAheadTests {
    static func counting(maxBytes: Int? = nil) -> LayeredSearch.Config {
        .init(reduce: false, judge: false, count: true, maxStates: nil, maxDepth: nil, maxBytes: maxBytes)
    }

    static func alone(_ c: ScaleFamily.Case, fold: Bool) -> LayeredSearch {
        var config = counting()
        config.symmetry = fold ? ThreadSymmetry(run: c.run, world: c.world) : nil
        let pass = LayeredSearch(run: c.run, initial: c.world, config: config, persistent: nil)
        pass.search(progress: { _ in }, isCancelled: { false })
        return pass
    }

    /// Ended on its own thread, or handed over to two part-way: the same figures as one thread.
    @Test(arguments: [0, 1_000, 1_000_000])
    func sameAsOnOneThread(shardAfter: Int) throws {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        for fold in [false, true] {
            var config = Self.counting()
            config.symmetry = fold ? ThreadSymmetry(run: c.run, world: c.world) : nil
            let ahead = CountingAhead(run: c.run, world: c.world, config: config, shardAfter: shardAfter)
            var last: ExplorationProgress?
            let done = try #require(ahead.finish(progress: { last = $0 }, isCancelled: { false }))
            ShardedCountingTests.expectSame(Self.alone(c, fold: fold), done.pass, "after \(shardAfter) fold \(fold)")
            #expect(done.pass.shard == nil || shardAfter < 1_000_000)
            // The caller hears the pass's end either way.
            #expect(last?.states == done.pass.states && last?.fraction == 1)
        }
    }

    /// The two passes' tables together past the memory bound: dropped, for the caller to count again.
    @Test func droppedPastTheMemoryBoundTogether() {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        let ahead = CountingAhead(run: c.run, world: c.world, config: Self.counting(maxBytes: 8 << 20), shardAfter: 0)
        ahead.verdictHolds(9 << 20)
        #expect(ahead.finish(progress: { _ in }, isCancelled: { false }) == nil)
    }

    /// A cancelled verdict pass stops it.
    @Test func droppedWhenTheVerdictPassIsCancelled() {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        let ahead = CountingAhead(run: c.run, world: c.world, config: Self.counting())
        #expect(ahead.cancelled(true))
        #expect(ahead.finish(progress: { _ in }, isCancelled: { false }) == nil)
    }
}

/// Through `Explorer`: a verdict pass long enough to start the counting pass beside it gives the
/// outcomes and counts of the fused pass, which counts on the calling thread alone.
@Suite struct CountingAheadExplorerTests {
    @Test func defaultCheckCountsAsTheFusedPass() {
        let c = ScaleFamily.make(devices: 4, operations: 8)
        let check = Explorer(run: c.run, world: c.world, options: .init(countingBudget: nil)).explore()
        let fused = Explorer(run: c.run, world: c.world, options: .init(partialOrderReduction: false, countingBudget: nil)).explore()
        #expect(check.states >= CountingAhead.verdictStates, "the verdict pass ended before the counting pass would start beside it")
        #expect(check.complete && check.schedulesCounted && fused.complete)
        #expect(check.countingStates == fused.states)
        #expect(Dictionary(uniqueKeysWithValues: check.outcomes.map { ($0.results, $0.schedules) })
                == Dictionary(uniqueKeysWithValues: fused.outcomes.map { ($0.results, $0.schedules) }))
        #expect(check.broken == fused.broken)
        // The counting pass's own thread is in the CPU time: without it, `cpu_seconds` would
        // read as if the check had used one thread.
        #expect(check.otherCPUSeconds > 0 && check.cpuSeconds > check.otherCPUSeconds)
    }
}
