import Testing
import DMAOwnEngine

/// One schedule move of a hand-driven scenario row.
enum Move: Sendable, CustomStringConvertible {
    /// Run thread `t` to the end.
    case finish(Int)
    /// Run thread `t` up to (not into) its next step whose title starts with the string.
    case until(Int, String)

    var description: String {
        switch self {
        case .finish(let t): "finish \(t + 1)"
        case .until(let t, let f): "\(t + 1) until \(f)"
        }
    }
}

/// One order of one known-outcome scenario with its exact expected results and final group state.
struct ScenarioRow: Sendable, CustomTestStringConvertible {
    var name: String
    var topology: Topology = Fixture.topology
    var setup: [String]
    var threads: [String]
    var schedule: [Move]
    var results: [String]
    var owner: OwnerToken
    var count: Int
    var domain: Domain
    /// Invariants the final world breaks (none for every row of the merged family).
    var invariants: Set<Invariant> = []
    var testDescription: String { name }

    static let qemu = OwnerToken.user(0), qemuDomain = Domain.user(0)
}

/// The known-outcome table (built-in scenarios s1–s8), run under every counting scheme whose group claims behave as v5.19's.
@Suite struct ScenarioTableTests {
    static let rows: [ScenarioRow] = [
        ScenarioRow(name: "S1 bind e1000e beside a claimed vfio-pci device",
                    setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["bind 01:00.1 e1000e"],
                    schedule: [.finish(0)], results: ["-EBUSY"], owner: ScenarioRow.qemu, count: 1, domain: ScenarioRow.qemuDomain),
        ScenarioRow(name: "S2 claim beside a bound e1000e",
                    setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["-EPERM"], owner: .none, count: 1, domain: .default),
        ScenarioRow(name: "S3 claim beside pci-stub",
                    setup: ["bind 01:00.1 pci-stub", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: ScenarioRow.qemu, count: 1, domain: ScenarioRow.qemuDomain),
        ScenarioRow(name: "S4 claim beside a bridge on pcieport", topology: Fixture.bridged,
                    setup: ["bind 01:00.0 pcieport", "bind 01:00.1 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: ScenarioRow.qemu, count: 1, domain: ScenarioRow.qemuDomain),
        ScenarioRow(name: "S4 claim beside a bridge on a DMA-API bridge driver", topology: Fixture.bridged,
                    setup: ["bind 01:00.0 shpchp", "bind 01:00.1 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["-EPERM"], owner: .none, count: 1, domain: .default),
        ScenarioRow(name: "S5 bind wins the race",
                    setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.finish(0), .finish(1)], results: ["0", "-EPERM"], owner: .none, count: 1, domain: .default),
        ScenarioRow(name: "S5 claim wins the race",
                    setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.finish(1), .finish(0)], results: ["-EBUSY", "0"], owner: ScenarioRow.qemu, count: 1, domain: ScenarioRow.qemuDomain),
        ScenarioRow(name: "S5 claim lands while the bind is between dev->driver and dma_configure",
                    setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.until(0, "iommu_device_use_default_domain"), .finish(1), .finish(0)],
                    results: ["-EBUSY", "0"], owner: ScenarioRow.qemu, count: 1, domain: ScenarioRow.qemuDomain),
        ScenarioRow(name: "S6 claim before B's dma_cleanup",
                    setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["unbind 01:00.1", "claim 7 qemu"],
                    schedule: [.until(0, "iommu_device_unuse_default_domain"), .finish(1), .finish(0)],
                    results: ["0", "-EPERM"], owner: .none, count: 0, domain: .default),
        ScenarioRow(name: "S6 claim right after B's dma_cleanup, before dev->driver = NULL",
                    setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["unbind 01:00.1", "claim 7 qemu"],
                    schedule: [.until(0, "__device_release_driver: dev->driver = NULL"), .finish(1), .finish(0)],
                    results: ["0", "0"], owner: ScenarioRow.qemu, count: 1, domain: ScenarioRow.qemuDomain),
        ScenarioRow(name: "S6 claim after the unbind",
                    setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["unbind 01:00.1", "claim 7 qemu"],
                    schedule: [.finish(0), .finish(1)], results: ["0", "0"], owner: ScenarioRow.qemu, count: 1, domain: ScenarioRow.qemuDomain),
        ScenarioRow(name: "S7 claim, release, then bind e1000e",
                    setup: ["bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu", "release 7 qemu", "bind 01:00.1 e1000e"],
                    schedule: [.finish(0), .finish(1), .finish(2)], results: ["0", "0", "0"], owner: .none, count: 1, domain: .default),
        ScenarioRow(name: "S7 bind while the release has detached but not yet dropped ownership",
                    setup: ["bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu", "release 7 qemu", "bind 01:00.1 e1000e"],
                    schedule: [.finish(0), .until(1, "iommu_group_release_dma_owner"), .finish(2), .finish(1)],
                    results: ["0", "0", "-EBUSY"], owner: .none, count: 0, domain: .default),
    ]

    /// Plays `row.schedule` by hand and returns the run and the world it ends in.
    static func play(_ row: ScenarioRow, _ scheme: SchemeID) -> (Run, World) {
        var (run, w) = Fixture.start(scheme, setup: row.setup, threads: row.threads, topology: row.topology)
        #expect(!row.schedule.isEmpty, "the loop below checks something")
        for move in row.schedule {
            switch move {
            case .finish(let t): Fixture.finish(t, run, &w)
            case .until(let t, let f): #expect(Fixture.advance(t, run, &w, toFunction: f), "thread \(t + 1) never reaches \(f)")
            }
        }
        return (run, w)
    }

    @Test(arguments: [SchemeID.merged, .iommufd, .v6], rows)
    func row(_ scheme: SchemeID, _ row: ScenarioRow) {
        let (run, w) = Self.play(row, scheme)
        #expect(Fixture.results(run, w) == row.results)
        #expect(Fixture.group(w) == Fixture.GroupView(owner: row.owner, count: row.count, domain: row.domain))
        #expect(w[group: 0].mutexHolder == nil)
        #expect(Set(run.violations(in: w).map(\.invariant)) == row.invariants)
    }

    /// S7's middle: the release alone gives the default domain back.
    @Test(arguments: [SchemeID.merged, .iommufd, .v6])
    func s7ReleaseRestoresDefaultDomain(_ scheme: SchemeID) {
        var (run, w) = Fixture.start(scheme, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["release 7 qemu"])
        Fixture.advance(0, run, &w, toFunction: "iommu_group_release_dma_owner")
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: scheme == .v6 ? .none : .blocking))
        Fixture.finish(0, run, &w)
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
    }

    /// S5 explored exhaustively: exactly the two known outcomes, whatever the interleaving.
    @Test(arguments: [SchemeID.merged, .iommufd, .v6])
    func s5HasExactlyTwoOutcomes(_ scheme: SchemeID) {
        let (run, w) = Fixture.start(scheme, setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"])
        let ends = Exhaustive.ends(run, from: w)
        #expect(Set(ends.map { Fixture.results(run, $0) }) == [["0", "-EPERM"], ["-EBUSY", "0"]])
        #expect(ends.allSatisfy { run.broken(in: $0).isEmpty })
        #expect(ends.count > 2)
    }

    /// S8: two device claims by one iommufd context share the group, another context is refused.
    @Test func s8DeviceClaimsShareOneContext() {
        let t = Fixture.triple
        var (run, w) = Fixture.start(.iommufd, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 vfio-pci", "bind 01:00.2 vfio-pci"],
                                     threads: ["dclaim 01:00.0 ctx1", "dclaim 01:00.1 ctx1", "dclaim 01:00.2 ctx2",
                                               "drelease 01:00.0 ctx1", "drelease 01:00.1 ctx1"], topology: t)
        for i in 0..<3 { Fixture.finish(i, run, &w) }
        #expect(Fixture.results(run, w).prefix(3) == ["0", "0", "-EPERM"])
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 2, domain: .user(0)))
        Fixture.finish(3, run, &w)
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0)))
        Fixture.finish(4, run, &w)
        #expect(Fixture.results(run, w) == ["0", "0", "-EPERM", "0", "0"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
        #expect(run.violations(in: w) == [])
    }

    /// S1 before 5.19: B probes into the claimed group (isolation), then the notifier's BUG_ON stops the machine.
    @Test func s1NotifierBreaksIsolationAtProbeThenCrashes() {
        var (run, w) = Fixture.start(.notifier, setup: ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads: ["bind 01:00.1 e1000e"])
        Fixture.advance(0, run, &w) { $0.failPoint == .probe }
        #expect(run.broken(in: w).isEmpty)
        run.step(&w, thread: 0)
        #expect(run.broken(in: w) == InvariantSet(.isolation))
        #expect(run.violations(in: w).map(\.message) == ["e1000e on 0000:01:00.1 is doing DMA while group 7 is owned by qemu"])
        run.step(&w, thread: 0)
        #expect(run.result(of: 0, in: w) == "crashed")
        #expect(run.status(of: 0, in: w) == .crashed)
        #expect(run.broken(in: w) == [InvariantSet(.isolation), InvariantSet(.bugOn)])
        #expect(Fixture.group(w) == .init(owner: .user(0), count: 0, domain: .user(0)))
    }

    /// S2 before 5.19 (DOMAIN §5.1, changed by §3.1): SET_CONTAINER checks no sibling and attaches
    /// the VM's domain under e1000e's DMA (isolation broken, no BUG_ON); only the device fd is refused
    /// for the non-viable group (-EINVAL), and QEMU closes the group, giving the default domain back.
    @Test func s2NotifierAttachesThenRefusesTheDeviceFd() {
        var (run, w) = Fixture.start(.notifier, setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"])
        #expect(Fixture.advance(0, run, &w, toFunction: "vfio_group_get_device_fd"))
        #expect(run.broken(in: w) == InvariantSet(.isolation))
        #expect(run.violations(in: w).map(\.message) == ["e1000e on 0000:01:00.1 is doing DMA while group 7 is owned by qemu"])
        Fixture.finish(0, run, &w)
        #expect(Fixture.results(run, w) == ["-EINVAL"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
        #expect(run.broken(in: w).isEmpty)
    }
}
