import Testing
import DMAOwnEngine

/// Issue 10 item 5: an iommufd device claim is tied to its device. `vfio_df_ioctl_bind_iommufd`
/// binds a device once and needs it bound to a VFIO driver; only a bound device can be unbound;
/// `iommu_device_release_dma_owner` WARNs on an unowned group (`__iommu_release_dma_ownership`).
@Suite struct IommufdBindingTests {
    @Test func aDeviceIsBoundToAContextOnce() throws {
        let (_, e) = try AllSchedules.explore(.iommufd, setup: ["bind 01:00.0 vfio-pci", "dclaim 01:00.0 qemu"], threads: ["dclaim 01:00.0 qemu"])
        #expect(e.results == [["-EINVAL"]])
        #expect(e.seen.isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0)), "no second count") }
    }

    @Test func releasingAnUnclaimedDeviceLeavesTheOtherClaimAlone() throws {
        let (_, e) = try AllSchedules.explore(.iommufd, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 vfio-pci", "dclaim 01:00.0 qemu"],
                                              threads: ["drelease 01:00.1 qemu"])
        #expect(e.results == [["-EINVAL"]])
        #expect(e.seen.isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0))) }
    }

    @Test func aDeviceClaimNeedsAVFIODriver() throws {
        let (_, e) = try AllSchedules.explore(.iommufd, setup: ["bind 01:00.0 pci-stub"], threads: ["dclaim 01:00.0 qemu"])
        #expect(e.results == [["-ENODEV"]])
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default)) }
    }

    /// An in-kernel caller releasing the group under a bound device (the IOMMU core trusts its
    /// callers) leaves the device's own release to find it unowned: the WARN_ON fires, and on the
    /// way the context does DMA through the default domain.
    @Test func releasingAnUnownedGroupWarns() throws {
        let (_, e) = try AllSchedules.explore(.iommufd, setup: ["bind 01:00.0 vfio-pci", "dclaim 01:00.0 qemu"],
                                              threads: ["krelease 7 qemu", "drelease 01:00.0 qemu"])
        #expect(e.results == [["0", "0"]])
        #expect(e.seen == [.warn, .isolation])
        #expect(e.endBroken == [.warn])
    }

    /// Claims of two devices by one context share the group; the last release gives it back.
    @Test func twoDevicesOneContext() throws {
        let (_, e) = try AllSchedules.explore(.iommufd, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 vfio-pci"],
                                              threads: ["dclaim 01:00.0 qemu", "dclaim 01:00.1 qemu"])
        #expect(e.results == [["0", "0"]])
        #expect(e.seen.isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 2, domain: .user(0))) }
    }
}
