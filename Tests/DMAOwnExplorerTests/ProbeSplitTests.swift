import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Issue 11 item 5: a driver that may fail in probe() may already have done DMA before it fails.
@Suite struct ProbeSplitTests {
    static let setup = ["bind 01:00.0 vfio-pci", "claim 7 qemu"]

    /// Before 5.19, r8169 binding in a VFIO-owned group: on success isolation breaks and the
    /// BOUND_DRIVER notifier crashes the machine; on failure isolation broke all the same, and no
    /// BUG_ON follows, because DRIVER_NOT_BOUND never reaches the group notifier.
    @Test func notifierFailedProbeBreaksIsolationWithoutBugOn() throws {
        let e = FidelityFixture.explore(.notifier, setup: Self.setup, threads: ["bind 01:00.1 r8169"])
        #expect(e.complete)
        #expect(e.broken == [.isolation, .bugOn])
        #expect(Set(e.outcomes.map(\.results)) == [["crashed"], ["-ENODEV"]])

        // The failure branch alone: isolation breaks before probe() returns, and the run ends
        // with -ENODEV on a machine that never hit BUG_ON.
        var (run, w) = Fixture.start(.notifier, setup: Self.setup, threads: ["bind 01:00.1 r8169"], topology: FidelityFixture.topology)
        var seen: InvariantSet = []
        while case .runnable(_, let canFail) = run.status(of: 0, in: w) {
            run.step(&w, thread: 0, fail: canFail)
            seen.formUnion(run.broken(in: w))
        }
        #expect(seen == InvariantSet(.isolation))
        #expect(run.result(of: 0, in: w) == "-ENODEV")
        #expect(!w.flags.contains(.bugOn))
        #expect(!w[device: 1].doingDMA, "the failed probe stopped its DMA")
    }

    /// Only a driver that declares `probe` in may_fail gets the extra step.
    @Test func onlyFailingDriversAreSplit() {
        let run = Run(topology: FidelityFixture.topology, scheme: Schemes.scheme(.merged),
                      operations: [Fixture.op("bind 01:00.1 e1000e", FidelityFixture.topology), Fixture.op("bind 01:00.1 r8169", FidelityFixture.topology)])
        #expect(run.programs[0].steps.filter { $0.failPoint == .probe }.count == 1)
        #expect(run.programs[1].steps.count == run.programs[0].steps.count + 1)
        #expect(run.programs[1].steps.contains { $0.code == "drv->probe(dev): DMA starts" })
    }
}
