import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Issue 11 item 1: Robin's release scan as he posted it clears the owner and nothing else.
@Suite struct RobinAsPostedTests {
    /// The last vfio-pci device cannot leave a user-owned group: its remove() waits for qemu
    /// (`vfio_unregister_group_dev`, issue 10), so the scan that would clear VFIO's ownership and
    /// leave qemu's domain attached never runs while qemu holds the group, and e1000e's claim finds
    /// the group still owned by vfio-pci. Robin's scan touching no domain cannot show here.
    @Test(arguments: [true, false])
    func theScanNeverRunsUnderAHeldGroup(por: Bool) {
        let e = Fixture.explore(.robin, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"],
                                threads: ["unbind 01:00.0", "bind 01:00.1 e1000e"], topology: FidelityFixture.topology,
                                options: .init(partialOrderReduction: por))
        #expect(e.complete)
        #expect(e.broken.isEmpty)
        #expect(Set(e.outcomes.map(\.results)) == [["waiting", "-EBUSY"]])
    }

    /// With qemu's release in the race the unbind finishes after it, and e1000e binds only once
    /// the default domain is back.
    @Test(arguments: [true, false])
    func afterTheReleaseTheDefaultDomainIsBack(por: Bool) {
        let e = Fixture.explore(.robin, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"],
                                threads: ["unbind 01:00.0", "bind 01:00.1 e1000e", "release 7 qemu"], topology: FidelityFixture.topology,
                                options: .init(partialOrderReduction: por))
        #expect(e.complete)
        #expect(e.broken.isEmpty)
        #expect(Set(e.outcomes.map(\.results)) == [["0", "0", "0"], ["0", "-EBUSY", "0"]])
    }
}
