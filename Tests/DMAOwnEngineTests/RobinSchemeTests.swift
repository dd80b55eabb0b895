import Testing
import DMAOwnEngine

/// The known-outcome scenarios under Robin's proposal: no count, a token per driver, `-EBUSY` for any conflict.
@Suite struct RobinSchemeTests {
    static let vfio = OwnerToken.driver(0)

    static let rows: [ScenarioRow] = [
        ScenarioRow(name: "S1", setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["bind 01:00.1 e1000e"],
                    schedule: [.finish(0)], results: ["-EBUSY"], owner: vfio, count: 0, domain: .user(0)),
        ScenarioRow(name: "S2", setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["-EBUSY"], owner: .dmaAPI, count: 0, domain: .default),
        ScenarioRow(name: "S3", setup: ["bind 01:00.1 pci-stub", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: vfio, count: 0, domain: .user(0)),
        ScenarioRow(name: "S3 with the vfio-pci device second", setup: ["bind 01:00.0 pci-stub", "bind 01:00.1 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: vfio, count: 0, domain: .user(0)),
        ScenarioRow(name: "S4 pcieport bridge", topology: Fixture.bridged,
                    setup: ["bind 01:00.0 pcieport", "bind 01:00.1 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: vfio, count: 0, domain: .user(0)),
        ScenarioRow(name: "S4 DMA-API bridge driver", topology: Fixture.bridged,
                    setup: ["bind 01:00.0 shpchp", "bind 01:00.1 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["-EBUSY"], owner: .dmaAPI, count: 0, domain: .default),
        ScenarioRow(name: "S5 bind wins", setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.finish(0), .finish(1)], results: ["0", "-EBUSY"], owner: .dmaAPI, count: 0, domain: .default),
        ScenarioRow(name: "S5 claim wins", setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.finish(1), .finish(0)], results: ["-EBUSY", "0"], owner: vfio, count: 0, domain: .user(0)),
        ScenarioRow(name: "S6 claim before B's release scan", setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"],
                    threads: ["unbind 01:00.1", "claim 7 qemu"],
                    schedule: [.until(0, "iommu_device_unuse_default_domain"), .finish(1), .finish(0)],
                    results: ["0", "-EBUSY"], owner: .none, count: 0, domain: .default),
        ScenarioRow(name: "S6 claim after the unbind", setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"],
                    threads: ["unbind 01:00.1", "claim 7 qemu"],
                    schedule: [.finish(0), .finish(1)], results: ["0", "0"], owner: vfio, count: 0, domain: .user(0)),
        ScenarioRow(name: "S7", setup: ["bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu", "release 7 qemu", "bind 01:00.1 e1000e"],
                    schedule: [.finish(0), .finish(1), .finish(2)], results: ["0", "0", "0"], owner: .dmaAPI, count: 0, domain: .default),
    ]

    @Test(arguments: rows)
    func row(_ row: ScenarioRow) {
        let (run, w) = ScenarioTableTests.play(row, .robin)
        #expect(Fixture.results(run, w) == row.results)
        #expect(Fixture.group(w) == Fixture.GroupView(owner: row.owner, count: row.count, domain: row.domain))
        #expect(Set(run.violations(in: w).map(\.invariant)) == row.invariants)
    }

    /// VFIO claims as vfio-pci, not as the bridge's pcieport: unbinding the bridge must not drop
    /// VFIO's ownership and let a DMA-API bridge driver probe into the user's domain.
    @Test func bridgeUnbindKeepsVFIOOwnership() {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 pcieport", "bind 01:00.1 vfio-pci", "claim 7 qemu"],
                                     threads: ["unbind 01:00.0", "bind 01:00.0 shpchp"], topology: Fixture.bridged)
        Fixture.finish(0, run, &w)
        Fixture.finish(1, run, &w)
        #expect(Fixture.results(run, w) == ["0", "-EBUSY"])
        #expect(w[group: 0].owner == Self.vfio)
        #expect(run.broken(in: w).isEmpty)
    }

    /// The last VFIO device cannot leave while its user holds the group: vfio-pci's remove() waits
    /// (DOMAIN §3.1), so Robin's scan never drops VFIO's ownership from under qemu's attached domain.
    /// Once qemu has released, the default domain is back and a DMA-API driver binds safely.
    @Test func lastVFIODeviceUnbindWaitsForTheUser() {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"],
                                     threads: ["unbind 01:00.0", "bind 01:00.1 e1000e", "release 7 qemu"])
        Fixture.finish(0, run, &w)
        guard case .blocked(_, let b) = run.status(of: 0, in: w) else { Issue.record("the unbind should wait"); return }
        #expect(b.lock == .user(owner: 0, device: 0) && b.waitsForUser)
        Fixture.finish(1, run, &w)
        #expect(Fixture.results(run, w) == [nil, "-EBUSY", nil], "the group is still qemu's")
        Fixture.finish(2, run, &w)
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["0", "-EBUSY", "0"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
        #expect(run.broken(in: w).isEmpty)
    }

    /// The scan's action alone, on a world set by hand so no front end decides whether the state
    /// is reachable: an owner no sibling's token matches is cleared, and the domain is left as it is.
    @Test(arguments: [Domain.blocking, .user(0), .default])
    func scanClearsOnlyTheOwner(_ domain: Domain) {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 e1000e", "bind 01:00.1 pci-stub"], threads: ["unbind 01:00.0"])
        w[group: 0].owner = .driver(0)
        w[group: 0].domain = domain
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["0"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: domain))
    }

    /// Only a device bound to a VFIO driver gives VFIO a group to claim through: a pci-stub or
    /// pcieport device is managed but not VFIO, so its token never becomes a user's claim.
    @Test func claimWithoutAVFIODeviceIsRefused() {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 pci-stub"], threads: ["claim 7 qemu"])
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-ENODEV"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
    }

    /// A claim cannot take its token from a managed driver still in probe(): if that probe fails
    /// the group would stay owned by a driver bound nowhere.
    @Test func claimNeedsABoundManagedDriver() {
        var (run, w) = Fixture.start(.robin, setup: [], threads: ["bind 01:00.0 vfio-flaky", "claim 7 qemu"])
        #expect(Fixture.advance(0, run, &w) { $0.failPoint == .probe })
        Fixture.finish(1, run, &w)
        run.step(&w, thread: 0, fail: true)
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-ENODEV", "-ENODEV"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
        #expect(run.broken(in: w).isEmpty)
    }

    /// On a failed probe() the release runs where the kernel's hooks are (DRIVER_NOT_BOUND,
    /// dma_cleanup), before device_unbind_cleanup() clears dev->driver: the scan skips dev itself.
    @Test func probeFailureScansBeforeTheDriverIsCleared() throws {
        var (run, w) = Fixture.start(.robin, setup: [], threads: ["bind 01:00.1 flaky"])
        #expect(Fixture.advance(0, run, &w) { $0.failPoint == .probe })
        #expect(w[group: 0].owner == .dmaAPI, "the claim at dma_configure took the DMA-API token")
        #expect(w[device: 1].doingDMA, "probe() started DMA before it returns")
        run.step(&w, thread: 0, fail: true)
        #expect(!w[device: 1].doingDMA)
        let next = try #require(run.currentStep(of: 0, in: w))
        #expect(next.title == "iommu_device_unuse_default_domain: mutex_lock(&group->mutex)")
        #expect(Fixture.advance(0, run, &w) { $0.role == .releaseScan })
        #expect(w[device: 1].driver != nil, "dev->driver is still set while the scan runs")
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-ENODEV"])
        #expect(w[device: 1].driver == nil)
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default), "the scan found no DMA-API sibling and released")
        #expect(run.broken(in: w).isEmpty)
    }
}
