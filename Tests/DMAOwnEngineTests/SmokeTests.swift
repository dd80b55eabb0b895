import Testing
import DMAOwnEngine

@Suite struct SmokeTests {
    @Test func s1MergedRefusesSiblingBind() {
        var (run, w) = Fixture.start(.merged, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["bind 01:00.1 e1000e"])
        Fixture.finish(0, run, &w)
        #expect(run.result(of: 0, in: w) == "-EBUSY")
        #expect(run.broken(in: w).isEmpty)
    }

    @Test func s1NotifierBreaksIsolationThenCrashes() {
        var (run, w) = Fixture.start(.notifier, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["bind 01:00.1 e1000e"])
        var sawIsolationBeforeCrash = false
        while case .runnable = run.status(of: 0, in: w) {
            run.step(&w, thread: 0)
            let b = run.broken(in: w)
            if b.contains(InvariantSet(.isolation)) && !b.contains(InvariantSet(.bugOn)) { sawIsolationBeforeCrash = true }
        }
        #expect(sawIsolationBeforeCrash)
        #expect(run.result(of: 0, in: w) == "crashed")
        #expect(run.broken(in: w).contains(InvariantSet(.bugOn)))
    }
}
