import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Issue 11 item 2: where a scheme's release runs is a property of the scheme. In `robin` a failed
/// probe's release runs at DRIVER_NOT_BOUND / dma_cleanup, before `dev->driver` is cleared.
@Suite struct HookPlacementTests {
    /// An unbind of A racing a failed probe of B: B's scan sees A bound and keeps, A's scan sees B's
    /// driver still set and keeps, then B clears its driver. The group stays DMA-API owned with no
    /// driver bound. The shortest such schedule is A's six unbind steps and B's eleven bind steps.
    @Test func unbindRacingAFailedProbeLeavesAStaleOwner() {
        let e = FidelityFixture.explore(.robin, setup: ["bind 01:00.0 e1000e"], threads: ["unbind 01:00.0", "bind 01:00.1 r8169"])
        #expect(e.complete)
        #expect(e.broken == [.staleOwner])
        #expect(Set(e.outcomes.map(\.results)) == [["0", "0"], ["0", "-ENODEV"]])
        #expect(FidelityFixture.shortest(e, .staleOwner) == 18, "17 steps and the unbind's unlocked unbind_store check")
    }

    /// The placements the schemes declare: the kernel's order everywhere but Robin's unbind.
    @Test func schemesDeclareTheirPlacement() {
        #expect(!Schemes.all.isEmpty, "the loop below checks something")
        for scheme in Schemes.all {
            switch scheme.id {
            case .robin, .robinLocked: #expect(scheme.hookPlacement == .robin)
            default: #expect(scheme.hookPlacement == .kernel)
            }
        }
        #expect(HookPlacement.robin.unbind == .afterDriverCleared)
        #expect(HookPlacement.robin.failedProbe == .beforeDriverCleared)
    }

    /// A pinctrl failure runs no hook at all: the bind jumps straight to its unwind.
    @Test func pinctrlFailureRunsNoRelease() {
        let topo = Topology.make(groups: [(7, [Fixture.a, Fixture.b])],
                                 drivers: [.init(name: "pinfail", managedDMA: false, mayFail: [.pinctrl])], owners: [])
        var (run, w) = Fixture.start(.robin, setup: [], threads: ["bind 01:00.1 pinfail"], topology: topo)
        while case .runnable(_, let canFail) = run.status(of: 0, in: w) {
            #expect(run.currentStep(of: 0, in: w)?.role != .releaseScan)
            run.step(&w, thread: 0, fail: canFail)
        }
        #expect(run.result(of: 0, in: w) == "-EINVAL")
    }
}
