import Testing
import DMAOwnEngine

/// Issue 10 item 2: VFIO allows one user per group, checked before the IOMMU core is asked: the
/// group fd is single-open (another owner: -EBUSY, `vfio_group_fops_open`) and SET_CONTAINER refuses
/// a group already in a container (the same owner: -EINVAL, `vfio_group_set_container`).
@Suite struct OneUserPerGroupTests {
    @Test(arguments: SchemeID.allCases)
    func aHeldGroupRefusesEveryOtherClaim(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["claim 7 ctx2", "claim 7 qemu"])
        #expect(e.results == [["-EBUSY", "-EINVAL"]])
        #expect(e.seen(beyond: scheme).isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(w[group: 0].domain == .user(0), "qemu's domain stays attached") }
    }

    /// Under Robin's scheme the IOMMU core alone would have let ctx2 in (the token is vfio-pci's for
    /// both users) and replaced qemu's domain; VFIO refuses it first.
    @Test func robinNoLongerHandsTheGroupToASecondUser() throws {
        let (_, e) = try AllSchedules.explore(.robin, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["claim 7 ctx2"])
        #expect(e.results == [["-EBUSY"]])
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(w[group: 0].domain == .user(0)) }
    }
}
