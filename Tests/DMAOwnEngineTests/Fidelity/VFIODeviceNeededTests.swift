import Testing
import DMAOwnEngine

/// Issue 10 item 3: `/dev/vfio/N` exists only while a device of the group is bound to a VFIO
/// driver, so a claim of a group without one fails -ENODEV; `driver_managed_dma` is not enough.
@Suite struct VFIODeviceNeededTests {
    @Test(arguments: SchemeID.allCases)
    func aGroupWithoutAVFIODeviceCannotBeClaimed(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.0 pci-stub"], threads: ["claim 7 qemu"])
        #expect(e.results == [["-ENODEV"]])
        #expect(e.seen(beyond: scheme).isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default)) }
    }

    @Test(arguments: SchemeID.allCases)
    func anUnboundGroupCannotBeClaimed(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: [], threads: ["claim 7 qemu"])
        #expect(e.results == [["-ENODEV"]])
    }
}
