import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Counterexample schedules are real: replayed step by step they reach a state breaking the invariant.
@Suite struct CounterexampleTests {
    static let cases: [(SchemeID, [String], [String])] = [
        (.notifier, ["bind 01:00.0 vfio-pci", "claim 7 qemu"], ["bind 01:00.1 e1000e"]),
        (.notifier, ["bind 01:00.0 vfio-pci"], ["bind 01:00.1 e1000e", "claim 7 qemu"]),
        (.robin, ["bind 01:00.0 e1000e"], ["unbind 01:00.0", "bind 01:00.1 flaky"]),
        (.notifier, ["bind 01:00.0 vfio-pci"], ["claim 7 qemu", "bind 01:00.1 flaky"]),
    ]

    @Test(arguments: 0..<cases.count, [true, false])
    func schedulesReplayToTheBrokenInvariant(index: Int, por: Bool) {
        let (scheme, setup, threads) = Self.cases[index]
        let (run, w0) = Fixture.start(scheme, setup: setup, threads: threads)
        let e = Explorer(run: run, world: w0, options: .init(partialOrderReduction: por)).explore()
        #expect(!e.violations.isEmpty)
        for v in e.violations {
            var w = w0
            #expect(!v.schedule.isEmpty, "the loop below checks something")
            for c in v.schedule {
                #expect(run.choices(of: c.thread, in: w) > (c.fail ? 1 : 0))
                run.step(&w, thread: c.thread, fail: c.fail)
            }
            #expect(run.broken(in: w).contains(InvariantSet(v.invariant)))
            #expect(run.violations(in: w).contains { $0.invariant == v.invariant && $0.message == v.message })
        }
    }

    /// Without reduction the search is breadth-first in effect: no shorter schedule breaks the
    /// invariant (every world reachable in fewer steps than the counterexample is checked).
    @Test(arguments: 0..<cases.count)
    func counterexamplesAreShortest(index: Int) {
        let (scheme, setup, threads) = Self.cases[index]
        let (run, w0) = Fixture.start(scheme, setup: setup, threads: threads)
        let e = Explorer(run: run, world: w0, options: .init(partialOrderReduction: false)).explore()
        #expect(!e.violations.isEmpty)
        for v in e.violations {
            var frontier: Set<World> = [w0]
            for depth in 0..<v.schedule.count {
                #expect(!frontier.contains { run.broken(in: $0).contains(InvariantSet(v.invariant)) },
                        "\(v.invariant) is already broken after \(depth) steps, but the counterexample takes \(v.schedule.count)")
                frontier = Set(frontier.flatMap { w in
                    (0..<run.operations.count).flatMap { t in
                        (0..<run.choices(of: t, in: w)).map { f -> World in var s = w; run.step(&s, thread: t, fail: f == 1); return s }
                    }
                })
            }
            #expect(frontier.contains { run.broken(in: $0).contains(InvariantSet(v.invariant)) }, "and it is broken at that length")
        }
    }
}
