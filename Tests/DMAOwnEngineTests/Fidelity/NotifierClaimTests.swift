import Testing
import DMAOwnEngine

/// Issue 10 item 1: before 5.19 `vfio_group_set_container` refused only a group already in a
/// container and attached the container's domain to the whole group; viability (the siblings'
/// drivers) gated only `VFIO_GROUP_GET_DEVICE_FD`. QEMU checked VIABLE first, the kernel did not.
@Suite struct NotifierClaimTests {
    /// A claim beside a kernel driver doing DMA attaches the VM's domain under that DMA (isolation
    /// broken, no BUG_ON), then fails only at the device fd; QEMU closes the group again.
    @Test func claimBesideAKernelDriverBreaksIsolationThenFailsAtTheDeviceFd() throws {
        let (run, e) = try AllSchedules.explore(.notifier, setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"])
        #expect(e.results == [["-EINVAL"]])
        #expect(e.seen == [.isolation])
        #expect(e.endBroken.isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default)) }
        #expect(run.programs[0].steps.contains { $0.function == "vfio_group_get_device_fd" })
    }

    /// The same claim racing the bind: whichever way it goes, e1000e does DMA through the VM's
    /// domain at some point; only a bind that completes while the group has container users crashes.
    @Test func claimRacingABindNeverChecksTheSiblingFirst() throws {
        let (_, e) = try AllSchedules.explore(.notifier, setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"])
        #expect(e.results == [["0", "-EINVAL"], ["crashed", "0"], ["crashed", "crashed"]])
        #expect(e.seen == [.isolation, .bugOn])
    }

    /// A viable group (pci-stub beside vfio-pci) still gets its device fd.
    @Test func viableGroupGetsItsDeviceFd() throws {
        let (_, e) = try AllSchedules.explore(.notifier, setup: ["bind 01:00.1 pci-stub", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"])
        #expect(e.results == [["0"]])
        #expect(e.seen.isEmpty)
    }
}
