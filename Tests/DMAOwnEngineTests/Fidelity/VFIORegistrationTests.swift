import Testing
import DMAOwnEngine

/// A VFIO driver registers its device with VFIO inside `probe()` (`vfio_pci_probe` →
/// `vfio_pci_core_register_device` → `vfio_register_group_dev`) and unregisters it inside
/// `remove()` (`vfio_pci_remove` → `vfio_unregister_group_dev`), only after waiting for the user:
/// the group's reference (5.18 `vfio_group_put`, 6.6 `group->drivers`) goes after the wait. The
/// model used to count a device as registered only while its bind was complete, so while an
/// unbind waited for qemu, `/dev/vfio/7` had vanished and another user's claim got `-ENODEV`
/// where the kernel says `-EBUSY` (the group is held).
@Suite struct VFIORegistrationTests {
    /// qemu holds the group and never lets go; the unbind of its vfio-pci device waits in remove().
    /// ctx2's claim meets the held group, whenever it runs: `-EBUSY` only. Before: also `-ENODEV`.
    @Test(arguments: SchemeID.allCases)
    func theGroupStaysOpenableWhileTheUnbindWaits(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"],
                                              threads: ["unbind 01:00.0", "claim 7 ctx2"])
        #expect(e.results == [["blocked", "-EBUSY"]])
        #expect(e.seen(beyond: scheme).isEmpty)
    }

    /// The claim runs after vfio-pci's probe() and before driver_bound(): the device is already
    /// registered, `/dev/vfio/7` exists, the claim succeeds (under the notifier the device is
    /// viable: `vfio_group_get_device` finds it). Before: `-ENODEV`.
    @Test(arguments: SchemeID.allCases)
    func probeRegistersBeforeDriverBound(_ scheme: SchemeID) throws {
        let (run, w0) = try AllSchedules.start(scheme, setup: [], threads: ["bind 01:00.0 vfio-pci", "claim 7 qemu"])
        var w = w0
        #expect(Fixture.advance(0, run, &w) { $0.function == "driver_bound" })
        #expect(w[device: 0].vfioRegistered)
        #expect(w[device: 0].phase == .probing)
        Fixture.finish(1, run, &w)
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["0", "0"])
        #expect(run.broken(in: w).members.isEmpty)
    }

    /// The notifier, two vfio-pci functions: B's unbind waits for qemu; qemu lets go; ctx2 claims
    /// before B's remove() has run. B is still registered (and in 5.18 on `unbound_list` until
    /// UNBOUND_DRIVER), so it is viable and the claim succeeds; B's remove() then waits for ctx2.
    /// Before: B counted as not viable once its unbind began, so the claim could fail `-EINVAL`.
    @Test func aDeviceBeingUnboundStaysViableUnderTheNotifier() throws {
        let (_, e) = try AllSchedules.explore(.notifier, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 vfio-pci", "claim 7 qemu"],
                                              threads: ["unbind 01:00.1", "release 7 qemu", "claim 7 ctx2"])
        #expect(e.results == [["0", "0", "-EBUSY"], ["0", "0", "0"], ["blocked", "0", "0"]])
        #expect(e.seen.isEmpty)
    }

    /// A failed probe() never registered the device: no `/dev/vfio/7`.
    @Test func aFailedProbeLeavesNothingRegistered() throws {
        let (_, e) = try AllSchedules.explore(.merged, setup: [], threads: ["bind 01:00.0 vfio-flaky", "claim 7 qemu"])
        #expect(e.results == [["0", "-ENODEV"], ["-ENODEV", "-ENODEV"], ["0", "0"]])
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends where w[device: 0].driver == nil { #expect(!w[device: 0].vfioRegistered) }
    }
}
