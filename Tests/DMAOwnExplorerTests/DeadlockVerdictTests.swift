import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// `deadlock` judged on a world built by hand, with no wait cycle: a finished thread still holds a
/// device lock another thread waits for. The explorer judges it from the thread statuses it
/// computes anyway; the engine's own `broken(in:)` must agree. (The real ABBA deadlock of the
/// robin-locked scheme is in RobinLockedTests.)
@Suite struct DeadlockVerdictTests {
    static func stuck() -> (Run, World) {
        let (run, start) = Fixture.start(.merged, setup: [], threads: ["bind \(Fixture.a) vfio-pci", "bind \(Fixture.a) e1000e"])
        var w = start
        w[device: 0].lockHolder = 0
        w.finish(thread: 0, result: .ok)
        return (run, w)
    }

    @Test func aThreadWaitingOnAFinishedHolderIsADeadlock() {
        let (run, w) = Self.stuck()
        #expect(run.broken(in: w).contains(InvariantSet(.deadlock)))
        for reduce in [false, true] {
            let e = Explorer(run: run, world: w, options: .init(partialOrderReduction: reduce)).explore()
            #expect(e.broken == [.deadlock], "reduction \(reduce)")
            #expect(e.outcomes.map(\.results) == [["0", "deadlocked"]])
            #expect(e.violations.first?.message.contains("waits for device_lock(0000:01:00.0) held by thread 1") == true,
                    "\(e.violations.map(\.message))")
        }
    }

    @Test func aRunningOrFinishedWorldIsNoDeadlock() {
        let (run, start) = Fixture.start(.merged, setup: [], threads: ["bind \(Fixture.a) vfio-pci", "bind \(Fixture.b) e1000e"])
        var w = start
        #expect(!run.broken(in: w).contains(InvariantSet(.deadlock)))
        let e = Explorer(run: run, world: w, options: .init()).explore()
        #expect(!e.broken.contains(.deadlock))
        for t in 0..<2 { while run.choices(of: t, in: w) > 0 { run.step(&w, thread: t) } }
        #expect(run.isFinished(w))
        #expect(!run.broken(in: w).contains(InvariantSet(.deadlock)))
    }
}
