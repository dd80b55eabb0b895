import Testing
import DMAOwnEngine

/// Issue 10 item 7: `kclaim`/`krelease` call `iommu_group_claim_dma_owner` and
/// `iommu_group_release_dma_owner` directly, with no VFIO front end: the only way to reach v6's
/// same-owner nesting, because VFIO refuses a second SET_CONTAINER first.
@Suite struct KernelClaimTests {
    @Test func v6NestsOnlyInKernelClaims() throws {
        let (_, e) = try AllSchedules.explore(.v6, setup: [], threads: ["kclaim 7 qemu", "kclaim 7 qemu"])
        #expect(e.results == [["0", "0"]])
        #expect(e.seen.isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 2, domain: .user(0))) }
    }

    @Test func v6VFIOClaimsDoNotNest() throws {
        let (_, e) = try AllSchedules.explore(.v6, setup: ["bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu", "claim 7 qemu"])
        #expect(e.results == [["0", "-EINVAL"], ["-EINVAL", "0"]])
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0))) }
    }

    @Test func mergedRefusesASecondKernelClaim() throws {
        let (_, e) = try AllSchedules.explore(.merged, setup: ["kclaim 7 qemu"], threads: ["kclaim 7 qemu", "krelease 7 qemu"])
        #expect(e.results.allSatisfy { $0 == ["-EPERM", "0"] || $0 == ["0", "0"] })
        #expect(e.results.contains(["-EPERM", "0"]))
    }

    /// An in-kernel claim needs no VFIO device at all.
    @Test func aKernelClaimNeedsNoVFIODevice() throws {
        let (_, e) = try AllSchedules.explore(.merged, setup: [], threads: ["kclaim 7 qemu"])
        #expect(e.results == [["0"]])
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0))) }
    }

    @Test(arguments: [SchemeID.notifier, .robin])
    func schemesWithoutAnInKernelClaimRefuseIt(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: [], threads: ["kclaim 7 qemu", "krelease 7 qemu"])
        #expect(e.results == [["-EINVAL", "-EINVAL"]])
    }
}
