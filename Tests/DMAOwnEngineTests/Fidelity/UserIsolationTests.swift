import Testing
import DMAOwnEngine

/// Issue 10 item 8: `isolation` also covers a user doing DMA through a group whose attached domain
/// is not its own; `stale-owner` also covers a user-owned group that no user holds.
@Suite struct UserIsolationTests {
    /// The IOMMU core trusts its callers: an in-kernel caller releasing a group it never claimed
    /// gives qemu's group back to the default domain while the VM still does DMA.
    @Test func aUserDoingDMAThroughTheDefaultDomainBreaksIsolation() throws {
        let (run, e) = try AllSchedules.explore(.merged, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["krelease 7 ctx2"])
        #expect(e.results == [["0"]])
        #expect(e.seen == [.isolation])
        #expect(e.endBroken == [.isolation])
        #expect(!e.ends.isEmpty, "the loop below checks something")
        for w in e.ends {
            #expect(run.violations(in: w).map(\.message) == ["qemu is doing DMA through group 7, whose attached domain is default, not its own"])
        }
    }

    /// A user's own claim window (blocking domain before its domain is attached) and release window
    /// (its DMA stopped before the detach) are not breaches.
    @Test(arguments: SchemeID.allCases)
    func aUsersOwnClaimAndReleaseBreakNothing(_ scheme: SchemeID) throws {
        let (_, e) = try AllSchedules.explore(scheme, setup: ["bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu", "release 7 qemu"])
        #expect(e.seen(beyond: scheme).isEmpty)
        #expect(e.results == [["0", "0"], ["0", "-EINVAL"]])
    }

    /// No scheme reaches the user half of stale-owner: every path that makes a group user-owned
    /// records its holder (VFIO's open, the cdev's bind, an in-kernel claim's attach) and clears it
    /// only in the step that drops the ownership, so a finished run always finds the holder. The
    /// check is judged here on a world built by hand, the state a lost holder would leave.
    @Test func aUserOwnedGroupNoUserHoldsIsStale() throws {
        let (run, w0) = try AllSchedules.start(.merged, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: [])
        #expect(run.scheme.staleOwnership(ofGroup: 0, in: w0, run: run) == nil)
        #expect(w0[holders: 0] == World.GroupHolders(vfioUser: 0, userDMA: true, containerUsers: true), "SET_CONTAINER raised container_users")
        var lost = w0
        lost[holders: 0] = World.GroupHolders()
        #expect(run.scheme.staleOwnership(ofGroup: 0, in: lost, run: run)
                == "group 7 is owned by qemu (owner_cnt 1) but no user holds it: no VFIO container, no bound iommufd device, no in-kernel claim")
        #expect(run.broken(in: lost) == InvariantSet(.staleOwner))
        var kernel = lost
        kernel[holders: 0] = World.GroupHolders(kernelClaimer: 0)
        #expect(run.scheme.staleOwnership(ofGroup: 0, in: kernel, run: run) == nil, "an in-kernel claim holds it")
    }
}
