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
        let cut = Fixture.explore(.merged, setup: ["bind 01:00.0 e1000e"], threads: Self.threads,
                                  options: .init(maxStates: full.states / 2, partialOrderReduction: por))
        #expect(!cut.complete)
        #expect(!cut.cancelled)
        #expect(cut.states <= full.states / 2)
    }

    @Test func maxDepthMakesTheResultPartial() {
        let cut = Fixture.explore(.merged, setup: ["bind 01:00.0 e1000e"], threads: Self.threads, options: .init(maxDepth: 3))
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
}
