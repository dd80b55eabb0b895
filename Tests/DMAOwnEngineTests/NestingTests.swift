import Testing
import DMAOwnEngine

/// A repeated claim by the same owner: v6 nests it, v5.19 refuses it, iommufd shares device claims.
/// VFIO refuses a second group claim before the IOMMU core is asked (DOMAIN §3.1), so the core's own
/// answers are reached through an in-kernel claimer (`kclaim`).
@Suite struct NestingTests {
    /// v6: owner_cnt 2 after two claims; the first release keeps ownership, the second restores default.
    @Test func v6NestsSameOwner() {
        var (run, w) = Fixture.start(.v6, setup: [],
                                     threads: ["kclaim 7 qemu", "kclaim 7 qemu", "krelease 7 qemu", "krelease 7 qemu"])
        Fixture.finish(0, run, &w)
        Fixture.finish(1, run, &w)
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 2, domain: .user(0)))
        Fixture.finish(2, run, &w)
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0)))
        Fixture.finish(3, run, &w)
        #expect(Fixture.results(run, w) == ["0", "0", "0", "0"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
        #expect(run.broken(in: w).isEmpty)
    }

    /// v6 still refuses a second, different owner.
    @Test func v6RefusesOtherOwner() {
        var (run, w) = Fixture.start(.v6, setup: ["kclaim 7 qemu"], threads: ["kclaim 7 ctx2"])
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-EPERM"])
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0)))
    }

    /// v6 claims detach to no domain at all, where v5.19 attaches the blocking domain.
    @Test(arguments: [(SchemeID.v6, Domain.none), (.merged, .blocking), (.iommufd, .blocking)])
    func claimDomainBeforeUserAttach(_ scheme: SchemeID, _ expected: Domain) {
        var (run, w) = Fixture.start(scheme, setup: ["bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"])
        #expect(Fixture.advance(0, run, &w, skipping: 1) { $0.acquires == .groupMutex })
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: expected))
    }

    /// v5.19 (and iommufd's group claim) refuse even the same owner: -EPERM, nothing changes.
    @Test(arguments: [SchemeID.merged, .iommufd])
    func refusesSameOwner(_ scheme: SchemeID) {
        var (run, w) = Fixture.start(scheme, setup: ["kclaim 7 qemu"], threads: ["kclaim 7 qemu", "krelease 7 qemu"])
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-EPERM", nil])
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0)))
        Fixture.finish(1, run, &w)
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default), "one release undoes the one claim")
    }

    /// iommufd: device claims by one context share the group; another context gets -EPERM from the
    /// core, a device already bound -EINVAL from its cdev, and the group path -EBUSY from VFIO.
    @Test func iommufdSharesDeviceClaimsByOneContext() {
        var (run, w) = Fixture.start(.iommufd, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 vfio-pci", "bind 01:00.2 vfio-pci"],
                                     threads: ["dclaim 01:00.0 ctx1", "dclaim 01:00.1 ctx1", "dclaim 01:00.2 ctx2", "dclaim 01:00.1 ctx2", "claim 7 ctx1"],
                                     topology: Fixture.triple)
        for t in 0..<5 { Fixture.finish(t, run, &w) }
        #expect(Fixture.results(run, w) == ["0", "0", "-EPERM", "-EINVAL", "-EBUSY"])
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 2, domain: .user(0)))
    }

    /// iommufd: a kernel driver's count refuses any device claim.
    @Test func iommufdDeviceClaimRefusedByKernelUser() {
        var (run, w) = Fixture.start(.iommufd, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 e1000e"], threads: ["dclaim 01:00.0 qemu"])
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-EPERM"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 1, domain: .default))
    }

    /// Device claims exist only from iommufd on.
    @Test(arguments: [SchemeID.notifier, .v6, .merged, .robin])
    func deviceClaimsNeedIommufd(_ scheme: SchemeID) {
        var (run, w) = Fixture.start(scheme, setup: ["bind 01:00.0 vfio-pci"], threads: ["dclaim 01:00.0 qemu", "drelease 01:00.0 qemu"])
        Fixture.finish(0, run, &w)
        Fixture.finish(1, run, &w)
        #expect(Fixture.results(run, w) == ["-EINVAL", "-EINVAL"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
    }

    /// A nested in-kernel claim returns as soon as it has counted: two releases can then undo only
    /// claims that have returned, and the owner's domain never lands on a group already given back.
    @Test func nestedClaimLeavesNothingToOvertake() {
        let claim = "kclaim 7 qemu", release = "krelease 7 qemu"
        var (run, w) = Fixture.start(.v6, setup: [claim], threads: [claim, release, release, "bind 01:00.1 e1000e"])
        run.step(&w, thread: 0)
        run.step(&w, thread: 0)
        #expect(run.result(of: 0, in: w) == "0")
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 2, domain: .user(0)))
        for t in 1..<4 { Fixture.finish(t, run, &w) }
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["0", "0", "0", "0"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 1, domain: .default))
        #expect(run.broken(in: w).isEmpty)
    }
}
