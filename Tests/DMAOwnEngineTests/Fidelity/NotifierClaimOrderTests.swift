import Testing
import DMAOwnEngine

/// The notifier's claim follows QEMU's first group of a container: VFIO_GROUP_SET_CONTAINER raises
/// `container_users` (`vfio_group_set_container`: the container has no IOMMU driver yet, so
/// nothing is attached), then VFIO_SET_IOMMU attaches the domain (`vfio_ioctl_set_iommu` →
/// `__vfio_container_attach_groups` → `iommu_attach_group`). Isolation breaks at the attach, not
/// before; the BOUND_DRIVER check is armed from SET_CONTAINER on.
@Suite struct NotifierClaimOrderTests {
    /// Beside e1000e doing DMA: nothing is broken while only container_users is raised; the
    /// attach is the breach.
    @Test func isolationBreaksAtTheAttachNotAtSetContainer() throws {
        let (run, w0) = try AllSchedules.start(.notifier, setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"])
        let steps = run.programs[0].steps.map(\.function)
        let open = try #require(steps.firstIndex(of: "vfio_group_fops_open"))
        let attach = try #require(steps.lastIndex(of: "iommu_attach_group"))
        #expect(open < attach)
        var w = w0
        run.step(&w, thread: 0)     // open + SET_CONTAINER: container_users++
        #expect(run.broken(in: w).members.isEmpty, "the default domain is still attached: e1000e's DMA is untouched")
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
        #expect(Fixture.advance(0, run, &w, skipping: 1) { $0.function == "iommu_attach_group" })
        run.step(&w, thread: 0)     // iommu_attach_group: the container's domain
        #expect(Set(run.broken(in: w).members) == [.isolation])
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 0, domain: .user(0)))
    }

    /// A bind that completes between SET_CONTAINER and the attach crashes the machine before any
    /// DMA went through qemu's domain: BUG_ON only, no isolation.
    @Test func aBindCompletingBeforeTheAttachCrashesWithoutBreakingIsolation() throws {
        let (run, w0) = try AllSchedules.start(.notifier, setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"])
        var w = w0
        run.step(&w, thread: 1)     // the claim's SET_CONTAINER
        Fixture.finish(0, run, &w)  // the bind probes on the default domain, then BOUND_DRIVER
        #expect(Set(run.broken(in: w).members) == [.bugOn])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
    }
}
