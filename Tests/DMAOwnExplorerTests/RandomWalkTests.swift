import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Random walks find what exhaustive search finds on small scenarios, and repeat from a seed.
@Suite struct RandomWalkTests {
    @Test func walksFindTheNotifierBreachesAndRepeat() {
        let (run, w0) = Fixture.start(.notifier, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["bind 01:00.1 e1000e", "release 7 qemu"])
        let explorer = Explorer(run: run, world: w0)
        let a = explorer.randomWalks(count: 200, seed: 7)
        let b = explorer.randomWalks(count: 200, seed: 7)
        #expect(a.violations == b.violations)
        #expect(a.outcomes == b.outcomes)
        #expect(!a.complete)
        #expect(a.broken == explorer.explore().broken)
        #expect(Set(a.outcomes.map(\.results)).isSubset(of: Set(explorer.explore().outcomes.map(\.results))))
        #expect(a.outcomes.reduce(0) { $0 + $1.schedules } == 200)
        #expect(!a.violations.isEmpty, "the loop below checks something")
        for v in a.violations {
            var w = w0
            for c in v.schedule { run.step(&w, thread: c.thread, fail: c.fail) }
            #expect(run.broken(in: w).contains(InvariantSet(v.invariant)))
        }
    }
}
