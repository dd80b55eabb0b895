import Testing
import DMAOwnEngine

/// Issue 10 item 4: vfio-pci's `remove()` sleeps in `vfio_unregister_group_dev`, `device_lock`
/// held, until the user holding the device lets go. No schedule unbinds a VFIO device from under a
/// running VM, and waiting for user space is not a deadlock (the release path takes no device_lock).
@Suite struct RemoveWaitsForUserTests {
    @Test(arguments: SchemeID.allCases)
    func unbindCompletesOnlyAfterTheRelease(_ scheme: SchemeID) throws {
        let (run, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["unbind 01:00.0", "release 7 qemu"])
        #expect(e.results == [["0", "0"]])
        #expect(e.seen(beyond: scheme).isEmpty)
        #expect(!e.worlds.contains { run.result(of: 0, in: $0) != nil && run.result(of: 1, in: $0) == nil },
                "no state has the device unbound while qemu still holds it")
    }

    /// Unbind, rebind to a kernel driver and release, all at once: the kernel driver can only bind
    /// once the VM has let go, so no isolation breach and no crash, even before 5.19.
    @Test(arguments: SchemeID.allCases)
    func noKernelDriverUnderARunningVM(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"],
                                              threads: ["unbind 01:00.0", "bind 01:00.0 e1000e", "release 7 qemu"])
        #expect(e.seen(beyond: scheme).isEmpty)
        #expect(e.results.allSatisfy { $0[0] == "0" && $0[2] == "0" })
        #expect(e.results.contains(["0", "0", "0"]))
        #expect(e.results.contains(["0", "-EBUSY", "0"]))
    }

    /// Nobody releases: the unbind waits for good, and that is no deadlock, nor is a second unbind
    /// queued behind it on device_lock.
    @Test func waitingForAUserIsNotADeadlock() throws {
        let (run, e) = try AllSchedules.explore(.merged, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["unbind 01:00.0", "unbind 01:00.0"])
        #expect(e.results == [["blocked", "blocked"]])
        #expect(e.seen.isEmpty)
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends {
            guard case .blocked(_, let first) = run.status(of: 0, in: w), case .blocked(_, let second) = run.status(of: 1, in: w) else {
                Issue.record("both unbinds should be blocked"); continue
            }
            #expect(Set([first.lock, second.lock]) == [.user(owner: 0, device: 0), .device(0)])
        }
    }

    /// The reason reads as the issue asks, in the TUI's threads pane and in traces alike.
    @Test func theWaitIsNamedForPeople() throws {
        var (run, w) = try AllSchedules.start(.merged, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["unbind 01:00.0"])
        Fixture.finish(0, run, &w)
        guard case .blocked(_, let b) = run.status(of: 0, in: w) else { Issue.record("the unbind should wait"); return }
        #expect(b.waitsForUser && b.holder == Run.Blocker.userSpace)
        #expect(run.blockedReason(b) == "waiting for qemu to let go of 0000:01:00.0")
        #expect(run.currentStep(of: 0, in: w)?.function == "__device_release_driver")
        #expect(w[device: 0].lockHolder == 0, "remove() waits with device_lock held")
        #expect(run.isWaitingOnUsers(w))
    }

    /// A kernel driver's remove() never waits, user or not.
    @Test func aKernelDriversUnbindDoesNotWait() throws {
        let (_, e) = try AllSchedules.explore(.merged, setup: ["bind 01:00.1 e1000e"], threads: ["unbind 01:00.1"])
        #expect(e.results == [["0"]])
    }
}
