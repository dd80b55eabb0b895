import Testing
import DMAOwnEngine

/// Issue 10 item 6: the errnos the kernel returns. A second VFIO claim by the same user is
/// -EINVAL (`vfio_group_set_container`); `unbind_store` checks `dev->driver` without device_lock,
/// and the loser's `device_driver_detach` silently does nothing, so two unbinds can both succeed.
@Suite struct ErrnoTests {
    @Test(arguments: [SchemeID.v6, .merged, .iommufd])
    func aSecondVFIOClaimIsEINVAL(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["claim 7 qemu"])
        #expect(e.results == [["-EINVAL"]])
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0))) }
    }

    @Test(arguments: SchemeID.allCases)
    func twoUnbindsOfOneDeviceCanBothSucceed(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.1 e1000e"], threads: ["unbind 01:00.1", "unbind 01:00.1"])
        #expect(e.results == [["0", "0"], ["0", "-ENODEV"], ["-ENODEV", "0"]])
        #expect(e.seen(beyond: scheme).isEmpty, "the driver is removed once: no WARN, nothing stale")
    }

    @Test func theUnlockedCheckIsItsOwnStep() throws {
        let (run, _) = try AllSchedules.start(.merged, setup: ["bind 01:00.1 e1000e"], threads: ["unbind 01:00.1"])
        let steps = run.programs[0].steps
        #expect(steps.first?.function == "unbind_store")
        #expect(steps.first?.acquires == nil)
        #expect(steps.dropFirst().first?.function == "device_driver_detach")
        #expect(steps.dropFirst().first?.acquires == .deviceLock)
    }
}
