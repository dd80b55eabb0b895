import Testing
import DMAOwnEngine

/// The notifier's release follows 5.18's drivers/vfio/vfio.c: `vfio_group_unset_container` drops
/// `container_users` to 0 (`atomic_cmpxchg(&group->container_users, 1, 0)`), and only then does
/// `__vfio_group_unset_container` detach the container's domain (`driver->ops->detach_group` →
/// `vfio_iommu_type1_detach_group` → `iommu_detach_group`). A sibling's kernel bind in between
/// probes into the VM's domain (isolation) and its BOUND_DRIVER check (`vfio_group_nb_verify`,
/// which reads only `container_users`) lets it through: no BUG_ON. The model used to drop the count
/// with the detach, so that bind crashed the machine.
@Suite struct NotifierReleaseOrderTests {
    static let setup = ["bind 01:00.0 vfio-pci", "claim 7 qemu"]
    static let threads = ["release 7 qemu", "bind 01:00.1 e1000e"]

    /// The release's steps in the kernel's order: the count goes in the first step, the domain in the last.
    @Test func containerUsersDropsBeforeTheDetach() throws {
        let (run, w0) = try AllSchedules.start(.notifier, setup: Self.setup, threads: Self.threads)
        #expect(run.programs[0].steps.map(\.function) == ["vfio_group_unset_container", "iommu_detach_group", "iommu_detach_group"])
        var w = w0
        #expect(w[holders: 0].containerUsers)
        run.step(&w, thread: 0)     // vfio_group_unset_container: atomic_cmpxchg(&group->container_users, 1, 0)
        #expect(!w[holders: 0].containerUsers, "container_users is 0 after the cmpxchg")
        #expect(w[holders: 0].vfioUser == 0, "the group is still in qemu's container")
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 0, domain: .user(0)), "qemu's domain is still attached")
        Fixture.finish(0, run, &w)
        #expect(w[holders: 0] == World.GroupHolders())
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
    }

    /// The window itself: e1000e binds to the sibling after the cmpxchg and before the detach. It
    /// probes with qemu's domain attached (isolation), BOUND_DRIVER finds no container users, and
    /// the bind returns 0; the release then detaches and returns 0. Before this change: BUG_ON, both
    /// threads "crashed".
    @Test func aBindInTheWindowBreaksIsolationWithoutACrash() throws {
        let (run, w0) = try AllSchedules.start(.notifier, setup: Self.setup, threads: Self.threads)
        var w = w0
        run.step(&w, thread: 0)         // container_users: 1 → 0
        Fixture.finish(1, run, &w)      // the whole bind, qemu's domain still attached
        #expect(Fixture.results(run, w) == [nil, "0"])
        #expect(Set(run.broken(in: w).members) == [.isolation], "e1000e does DMA through qemu's domain; nothing crashed")
        Fixture.finish(0, run, &w)      // iommu_detach_group: the default domain returns
        #expect(Fixture.results(run, w) == ["0", "0"])
        #expect(run.broken(in: w).members.isEmpty)
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
    }

    /// Every schedule: a bind whose BOUND_DRIVER comes before the cmpxchg still crashes the
    /// machine; one that comes after returns 0, having broken isolation if it probed before the
    /// detach. Before this change a bind was safe only once the detach was done: a schedule with
    /// isolation broken and no BUG_ON did not exist.
    @Test func everySchedule() throws {
        let (_, e) = try AllSchedules.explore(.notifier, setup: Self.setup, threads: Self.threads)
        #expect(e.results == [["0", "0"], ["crashed", "crashed"]])
        #expect(e.seen == [.isolation, .bugOn])
        #expect(e.endBroken == [.isolation, .bugOn], "a crash stops the machine with e1000e's DMA in qemu's domain")
        let crashFree = e.ends.filter { !$0.flags.contains(.bugOn) }
        #expect(!crashFree.isEmpty, "the loop below checks something")
        for w in crashFree {
            #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default), "every crash-free end has the default domain back")
        }
        // The new schedule class: isolation broken on the way, no crash at the end.
        let (run, w0) = try AllSchedules.start(.notifier, setup: Self.setup, threads: Self.threads)
        var w = w0
        run.step(&w, thread: 0)
        #expect(Fixture.advance(1, run, &w) { $0.function == "driver_bound" })
        #expect(Set(run.broken(in: w).members) == [.isolation])
        run.step(&w, thread: 1)
        #expect(!w.flags.contains(.bugOn))
    }

    /// The claim's failure path dissolves the container the same way
    /// (`vfio_group_try_dissolve_container`: `atomic_dec_if_positive`, then
    /// `__vfio_group_unset_container`): the count is 0 before the domain goes.
    @Test func aFailedClaimDropsTheCountBeforeTheDetach() throws {
        let (run, w0) = try AllSchedules.start(.notifier, setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"])
        var w = w0
        #expect(Fixture.advance(0, run, &w, toFunction: "vfio_group_try_dissolve_container"))
        #expect(w[holders: 0].containerUsers)
        run.step(&w, thread: 0)
        #expect(!w[holders: 0].containerUsers)
        #expect(Fixture.group(w).domain == .user(0), "qemu's domain is detached only at the next step")
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-EINVAL"])
        #expect(w[holders: 0] == World.GroupHolders())
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
    }
}
