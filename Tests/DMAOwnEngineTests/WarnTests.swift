import Testing
import DMAOwnEngine

/// Issue 11 item 6: each WARN_ON on the modelled paths is a check inside its step, and a `warn`
/// violation quotes the kernel line that fired.
///
/// Through the front ends no scenario reaches one: VFIO and iommufd refuse a release by a
/// non-owner (-EINVAL) before the IOMMU core is asked, and every count a driver gives back was
/// taken by the same bind. So these tests break the precondition by hand, as a kernel bug
/// elsewhere would (a count stolen by another user), and check that the step itself notices.
@Suite struct WarnTests {
    /// `iommu_device_unuse_default_domain` with owner_cnt already 0.
    @Test func unuseAtZeroWarns() {
        var (run, w) = Fixture.start(.merged, setup: ["bind 01:00.1 e1000e"], threads: ["unbind 01:00.1"])
        w[group: 0].ownerCount = 0
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["0"])
        #expect(w.firstWarning == .unuseDefaultDomain)
        #expect(run.violations(in: w).map(\.description) == ["warn: WARN_ON fired in iommu_device_unuse_default_domain: WARN_ON(!group->owner_cnt)"])
    }

    /// `__iommu_release_dma_ownership` on a group whose owner went away between the release's
    /// two critical sections.
    @Test(arguments: [("release 7 qemu", SchemeID.merged), ("drelease 01:00.0 qemu", .iommufd)])
    func releaseOfAnUnownedGroupWarns(_ line: String, _ scheme: SchemeID) {
        let claim = scheme == .iommufd ? "dclaim 01:00.0 qemu" : "claim 7 qemu"
        var (run, w) = Fixture.start(scheme, setup: ["bind 01:00.0 vfio-pci", claim], threads: [line])
        #expect(Fixture.advance(0, run, &w) { $0.acquires == .groupMutex && $0.function.hasSuffix("release_dma_owner") })
        w[group: 0].ownerCount = 0
        Fixture.finish(0, run, &w)
        #expect(w.firstWarning == .releaseDMAOwnership)
        #expect(run.violations(in: w).contains { $0.description == "warn: WARN_ON fired in __iommu_release_dma_ownership: WARN_ON(!group->owner_cnt || !group->owner)" })
    }

    /// The first WARN is the one quoted; later ones do not overwrite it.
    @Test func firstWarningIsKept() {
        var w = World(topology: Fixture.topology)
        #expect(w.firstWarning == nil)
        w.warn(.releaseDMAOwnership)
        w.warn(.unuseDefaultDomain)
        #expect(w.firstWarning == .releaseDMAOwnership)
        #expect(w.flags.contains(.warned))
    }
}
