import Testing
import DMAOwnEngine

/// A user can release only a claim that has returned: VFIO serialises SET_CONTAINER and
/// UNSET_CONTAINER of one group (and iommufd unbinds only a device whose bind returned), so a
/// release that overtakes the claim's attach is refused instead of leaving the user's domain on an
/// unowned group.
@Suite struct ReleaseOrderTests {
    @Test(arguments: [
        (SchemeID.merged, "claim 7 qemu", "release 7 qemu", "vfio_iommu_type1_attach_group"),
        (.v6, "claim 7 qemu", "release 7 qemu", "vfio_iommu_type1_attach_group"),
        (.iommufd, "claim 7 qemu", "release 7 qemu", "vfio_iommu_type1_attach_group"),
        (.iommufd, "dclaim 01:00.0 qemu", "drelease 01:00.0 qemu", "iommufd_device_attach"),
        (.notifier, "claim 7 qemu", "release 7 qemu", "iommu_attach_group"),
    ])
    func releaseBeforeAttachIsRefused(_ scheme: SchemeID, _ claim: String, _ release: String, _ attach: String) {
        var (run, w) = Fixture.start(scheme, setup: ["bind 01:00.0 vfio-pci"], threads: [claim, release, "bind 01:00.1 e1000e"])
        #expect(Fixture.advance(0, run, &w, toFunction: attach))
        Fixture.finish(1, run, &w)
        Fixture.finish(0, run, &w)
        Fixture.finish(2, run, &w)
        #expect(Fixture.results(run, w) == ["0", "-EINVAL", scheme == .notifier ? "crashed" : "-EBUSY"])
        #expect(w[group: 0].owner == .user(0))
        #expect(w[group: 0].domain == .user(0))
        if scheme != .notifier { #expect(run.broken(in: w).isEmpty) }
    }
}
