import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Bounds and cancellation cut a search short and say so.
@Suite struct BoundsTests {
    static let threads = ["bind 01:00.1 flaky", "claim 7 qemu", "unbind 01:00.0"]

    @Test(arguments: [true, false])
    func maxStatesMakesTheResultPartial(por: Bool) {
        let full = Fixture.explore(.merged, setup: ["bind 01:00.0 e1000e"], threads: Self.threads, options: .init(partialOrderReduction: por))
        #expect(full.complete)
        let cut = Fixture.explore(.merged, setup: ["bind 01:00.0 vfio-pci"], threads: Self.threads,
                                  options: .init(maxStates: full.states / 2, partialOrderReduction: por))
        #expect(!cut.complete)
        #expect(!cut.cancelled)
        #expect(cut.states <= full.states / 2)
    }

    @Test func maxDepthMakesTheResultPartial() {
        let cut = Fixture.explore(.merged, setup: ["bind 01:00.0 vfio-pci"], threads: Self.threads, options: .init(maxDepth: 3))
        #expect(!cut.complete)
        #expect(cut.outcomes.isEmpty)
    }

    @Test func cancellationStopsTheSearch() {
        let (run, w0) = Fixture.start(.merged, setup: ["bind 01:00.0 e1000e"], threads: Self.threads)
        var asked = 0
        let e = Explorer(run: run, world: w0).explore(isCancelled: { asked += 1; return true })
        #expect(e.cancelled)
        #expect(!e.complete)
        #expect(asked > 0)
    }

    /// A bound the reduced verdict pass stays under but the unreduced counting pass hits: the
    /// verdict and the outcome set stay complete, and only the counts are reported as unknown.
    @Test func aBoundOnlyTheCountingPassHitsKeepsTheVerdict() {
        let full = Fixture.explore(.merged, setup: ["bind 01:00.0 vfio-pci"], threads: Self.threads)
        #expect(full.complete && full.schedulesCounted)
        #expect(full.states < full.countingStates, "reduction must leave room for a bound between the two passes")
        let cut = Fixture.explore(.merged, setup: ["bind 01:00.0 vfio-pci"], threads: Self.threads,
                                  options: .init(maxStates: full.states + 1))
        #expect(cut.complete)
        #expect(!cut.schedulesCounted)
        #expect(cut.broken == full.broken)
        #expect(Set(cut.outcomes.map(\.results)) == Set(full.outcomes.map(\.results)))
        #expect(cut.outcomes.allSatisfy { $0.schedules == 0 })
    }

    /// Progress never goes backwards when the counting pass follows the verdict pass.
    @Test func progressIsMonotonicAcrossBothPasses() {
        let (run, w0) = Fixture.start(.merged, setup: [], threads: ["bind 01:00.0 e1000e", "bind 01:00.1 e1000e", "claim 7 qemu", "unbind 01:00.0", "unbind 01:00.1"])
        var seen: [Int] = [], bar: [Double] = []
        let e = Explorer(run: run, world: w0).explore(progress: { seen.append($0.states); bar.append($0.fraction ?? -1) })
        #expect(e.complete)
        #expect(seen == seen.sorted(), "progress went backwards: \(seen)")
        #expect(seen.last == e.states + e.countingStates, "the last report counts both passes")
        // Without a bound the bar still moves, never backwards, and ends full.
        #expect(bar.allSatisfy { (0...1).contains($0) }, "\(bar)")
        #expect(bar == bar.sorted(), "the bar went backwards: \(bar)")
        #expect(bar.last == 1)
        #expect(bar.contains { $0 > 0 && $0 < 1 }, "the verdict pass ends part-way along the bar: \(bar)")
    }
}
