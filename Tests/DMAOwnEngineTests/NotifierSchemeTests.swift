import Testing
import DMAOwnEngine

/// DOMAIN §6's scenarios before 5.19: no count, a claim that attaches the container's domain
/// without checking the siblings (viability gates only the device fd, DOMAIN §5.1), and a BUG_ON
/// when a kernel driver finishes probing into a group with container users.
@Suite struct NotifierSchemeTests {
    static let qemu = OwnerToken.user(0)

    static let rows: [ScenarioRow] = [
        ScenarioRow(name: "S3 pci-stub is viable", setup: ["bind 01:00.1 pci-stub", "bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: qemu, count: 0, domain: .user(0)),
        ScenarioRow(name: "S4 a bridge is viable", topology: Fixture.bridged,
                    setup: ["bind 01:00.0 pcieport", "bind 01:00.1 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: qemu, count: 0, domain: .user(0)),
        // vfio_dev_viable counts a bridge as viable whatever its driver: a DMA-API bridge driver
        // neither trips BOUND_DRIVER's BUG_ON nor makes the device fd refuse (its DMA still
        // breaks isolation under qemu's domain).
        ScenarioRow(name: "S4 a bridge on a DMA-API driver does not BUG_ON", topology: Fixture.bridged,
                    setup: ["bind 01:00.1 vfio-pci", "claim 7 qemu"], threads: ["bind 01:00.0 shpchp"],
                    schedule: [.finish(0)], results: ["0"], owner: qemu, count: 0, domain: .user(0), invariants: [.isolation]),
        ScenarioRow(name: "S4 a claim beside a bridge on a DMA-API driver", topology: Fixture.bridged,
                    setup: ["bind 01:00.0 shpchp", "bind 01:00.1 vfio-pci"], threads: ["claim 7 qemu"],
                    schedule: [.finish(0)], results: ["0"], owner: qemu, count: 0, domain: .user(0), invariants: [.isolation]),
        ScenarioRow(name: "S5 bind wins", setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.finish(0), .finish(1)], results: ["0", "-EINVAL"], owner: .none, count: 0, domain: .default),
        ScenarioRow(name: "S5 claim wins, then the bind crashes the machine", setup: ["bind 01:00.0 vfio-pci"],
                    threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.finish(1), .finish(0)], results: ["crashed", "0"], owner: qemu, count: 0, domain: .user(0),
                    invariants: [.isolation, .bugOn]),
        // SET_CONTAINER raised container_users, the domain is not attached yet (QEMU's first
        // group: VFIO_SET_IOMMU attaches it): e1000e probes on the default domain and crashes the
        // machine at BOUND_DRIVER before anything went through qemu's domain.
        ScenarioRow(name: "S5 the container is set while the bind is in flight", setup: ["bind 01:00.0 vfio-pci"],
                    threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                    schedule: [.until(0, "really_probe: dev->driver = drv"), .until(1, "iommu_attach_group"), .finish(0), .finish(1)],
                    results: ["crashed", "crashed"], owner: .none, count: 0, domain: .default,
                    invariants: [.bugOn]),
        ScenarioRow(name: "S6 claim before B's dev->driver = NULL", setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"],
                    threads: ["unbind 01:00.1", "claim 7 qemu"],
                    schedule: [.until(0, "__device_release_driver: dev->driver = NULL"), .finish(1), .finish(0)],
                    results: ["0", "-EINVAL"], owner: .none, count: 0, domain: .default),
        ScenarioRow(name: "S6 claim after the unbind", setup: ["bind 01:00.1 e1000e", "bind 01:00.0 vfio-pci"],
                    threads: ["unbind 01:00.1", "claim 7 qemu"],
                    schedule: [.finish(0), .finish(1)], results: ["0", "0"], owner: qemu, count: 0, domain: .user(0)),
        ScenarioRow(name: "S7", setup: ["bind 01:00.0 vfio-pci"], threads: ["claim 7 qemu", "release 7 qemu", "bind 01:00.1 e1000e"],
                    schedule: [.finish(0), .finish(1), .finish(2)], results: ["0", "0", "0"], owner: .none, count: 0, domain: .default),
    ]

    @Test(arguments: rows)
    func row(_ row: ScenarioRow) {
        let (run, w) = ScenarioTableTests.play(row, .notifier)
        #expect(Fixture.results(run, w) == row.results)
        #expect(Fixture.group(w) == Fixture.GroupView(owner: row.owner, count: row.count, domain: row.domain))
        #expect(Set(run.violations(in: w).map(\.invariant)) == row.invariants)
    }
}
