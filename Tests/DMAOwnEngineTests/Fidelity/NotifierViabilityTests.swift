import Testing
import DMAOwnEngine

/// Before 5.19 viability was `vfio_dev_viable` (drivers/vfio/vfio.c, removed by "vfio: Remove
/// iommu group notifier"): no driver; `vfio_dev_driver_allowed` (a PCI bridge whatever its driver,
/// or a driver named "pci-stub"); or a device in the VFIO group (`vfio_group_get_device`).
/// `driver_managed_dma` did not exist: a managed driver that is neither is not viable there, while
/// 5.19's IOMMU core lets it sit beside a user owner.
@Suite struct NotifierViabilityTests {
    static let a = Fixture.a, b = Fixture.b
    /// Group 7 = {A, B}, with `foo-managed`: `driver_managed_dma` set, not pci-stub, not VFIO.
    static let topology = Topology.make(groups: [(7, [a, b])], drivers: Fixture.drivers + [
        .init(name: "foo-managed", managedDMA: true),
    ], owners: ["qemu"])

    /// A claim beside a managed sibling: the notifier's device fd refuses it (-EINVAL, QEMU closes
    /// the group again); merged's claim succeeds (a managed driver takes no count).
    @Test func claimBesideAManagedDriverThatIsNotPciStub() throws {
        let setup = ["bind 01:00.0 vfio-pci", "bind 01:00.1 foo-managed"], threads = ["claim 7 qemu"]
        let (_, n) = try AllSchedules.explore(.notifier, setup: setup, threads: threads, topology: Self.topology)
        #expect(n.results == [["-EINVAL"]])
        #expect(n.seen.isEmpty, "foo-managed does no DMA through the DMA API: nothing is broken, the claim is only refused")
        #expect(!n.ends.isEmpty, "the loop below checks something")
        for w in n.ends { #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default)) }

        let (_, m) = try AllSchedules.explore(.merged, setup: setup, threads: threads, topology: Self.topology)
        #expect(m.results == [["0"]])
        #expect(m.seen.isEmpty)
        #expect(!m.ends.isEmpty, "the loop below checks something")
        for w in m.ends { #expect(Fixture.group(w) == .init(owner: .user(0), count: 1, domain: .user(0))) }
    }

    /// Binding the managed driver beside a held group: the notifier's BOUND_DRIVER check finds it
    /// not viable with container users set and BUG_ON()s; merged lets the bind through.
    @Test func bindOfAManagedDriverThatIsNotPciStubBesideAHeldGroup() throws {
        let setup = ["bind 01:00.0 vfio-pci", "claim 7 qemu"], threads = ["bind 01:00.1 foo-managed"]
        let (_, n) = try AllSchedules.explore(.notifier, setup: setup, threads: threads, topology: Self.topology)
        #expect(n.results == [["crashed"]])
        #expect(n.seen == [.bugOn])

        let (_, m) = try AllSchedules.explore(.merged, setup: setup, threads: threads, topology: Self.topology)
        #expect(m.results == [["0"]])
        #expect(m.seen.isEmpty)
    }

    /// pcieport is allowed only as a bridge's driver (the header type decides, not the name): on
    /// an endpoint it is not viable; pci-stub is viable by name.
    @Test func pcieportIsViableOnlyOnABridgeAndPciStubByName() throws {
        let (_, port) = try AllSchedules.explore(.notifier, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 pcieport"], threads: ["claim 7 qemu"], topology: Self.topology)
        #expect(port.results == [["-EINVAL"]])
        let (_, stub) = try AllSchedules.explore(.notifier, setup: ["bind 01:00.0 vfio-pci", "bind 01:00.1 pci-stub"], threads: ["claim 7 qemu"], topology: Self.topology)
        #expect(stub.results == [["0"]])
    }
}
