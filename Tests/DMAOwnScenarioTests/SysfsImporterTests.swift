import DMAOwnEngine
import DMAOwnScenario
import Foundation
import Testing

@Suite struct SysfsImporterTests {
    /// Group 1: a bridge on pcieport with two functions behind it (e1000e, unbound);
    /// group 2: one device on vfio-pci; group 3: one device whose driver link dangles.
    func machine() throws -> SysfsFixture {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:01.0", pciClass: "0x060400", driver: "pcieport")
        try fx.device("pci0000:00/0000:00:01.0/0000:01:00.0", driver: "e1000e")
        try fx.device("pci0000:00/0000:00:01.0/0000:01:00.1")
        try fx.device("pci0000:00/0000:00:02.0", pciClass: "0x030000", driver: "vfio-pci")
        try fx.device("pci0000:00/0000:00:1f.3", pciClass: "0x040300", driver: "snd_hda_intel", driverExists: false)
        try fx.group(1, ["pci0000:00/0000:00:01.0", "pci0000:00/0000:00:01.0/0000:01:00.0",
                         "pci0000:00/0000:00:01.0/0000:01:00.1"])
        try fx.group(12, ["pci0000:00/0000:00:1f.3"])
        try fx.group(2, ["pci0000:00/0000:00:02.0"])
        return fx
    }

    func names(_ s: Scenario, _ g: Int) -> [String] { s.topology.groups[g].devices.map { s.topology.devices[$0].name } }

    @Test func groupsAreReadInNumericOrderThroughTheLinks() throws {
        let fx = try machine()
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        #expect(s.topology.groups.map(\.id) == [1, 2, 12])
        #expect(names(s, 0) == ["0000:00:01.0", "0000:01:00.0", "0000:01:00.1"])
        #expect(names(s, 1) == ["0000:00:02.0"])
        #expect(names(s, 2) == ["0000:00:1f.3"])
    }

    @Test func bridgesComeFromTheClassFile() throws {
        let fx = try machine()
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        #expect(s.topology.devices.filter(\.bridge).map(\.name) == ["0000:00:01.0"])
    }

    @Test func setupBindsTheDriversBoundNowIncludingADanglingLink() throws {
        let fx = try machine()
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        #expect(s.setup.map(s.topology.describe) == [
            "bind 0000:00:01.0 pcieport", "bind 0000:01:00.0 e1000e",
            "bind 0000:00:02.0 vfio-pci", "bind 0000:00:1f.3 snd_hda_intel",
        ])
        #expect(s.scheme == .merged)
        #expect(s.topology.owners == ["qemu"])
        #expect(s.threads.isEmpty)
    }

    @Test func knownManagedDriversAreMarked() throws {
        let fx = try machine()
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        let managed = Dictionary(uniqueKeysWithValues: s.topology.drivers.map { ($0.name, $0.managedDMA) })
        #expect(managed == ["e1000e": false, "pcieport": true, "snd_hda_intel": false, "vfio-pci": true])
    }

    @Test func managedCanBeExtendedAndOverridden() throws {
        let fx = try machine()
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known.union(["e1000e", "!pcieport"]))
        let managed = Dictionary(uniqueKeysWithValues: s.topology.drivers.map { ($0.name, $0.managedDMA) })
        #expect(managed["e1000e"] == true)
        #expect(managed["pcieport"] == false)
    }

    @Test(arguments: ["vfio-pci", "vfio-platform", "pci-stub", "pcieport", "mlx5_vfio_pci", "hisi_acc_vfio_pci",
                      "pds-vfio-pci", "nvgrace_gpu_vfio_pci", "virtio_vfio_pci", "vfio-amba", "acme_vfio_pci"])
    func vfioFamiliesAreManaged(driver: String) {
        #expect(ManagedDrivers.isManaged(driver, by: ManagedDrivers.known))
    }

    @Test(arguments: ["e1000e", "nvme", "xhci_hcd", "stub"])
    func ordinaryDriversAreNot(driver: String) {
        #expect(!ManagedDrivers.isManaged(driver, by: ManagedDrivers.known))
    }

    @Test func theImportedSetupRunsUnderTheMergedScheme() throws {
        let fx = try machine()
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        let (_, world) = try s.prepare().get()
        let e1000e = try #require(s.topology.driverIndex(named: "e1000e"))
        #expect(world[device: 1].driver == e1000e)
        #expect(world[device: 2].driver == nil)
        #expect(world[group: 0].ownerCount == 1)  // e1000e counts; pcieport is managed and does not
    }

    @Test func theExampleRacesAGroupOfThisMachine() throws {
        let fx = try machine()
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        #expect(SysfsImporter.exampleThreads(for: s) == ["unbind 0000:01:00.0", "claim 1 qemu"])
    }

    @Test func noIommuGroupsDirectoryIsAClearError() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:02.0", driver: "i915")
        #expect(throws: SysfsError.noGroups(path: fx.root + "/kernel/iommu_groups")) {
            try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        }
    }

    @Test func aMissingRootIsNotMistakenForAMachineWithoutIommu() {
        #expect(throws: SysfsError.noRoot(path: "/nonexistent-dmaown-root")) {
            try SysfsImporter.importTopology(root: "/nonexistent-dmaown-root", managed: ManagedDrivers.known)
        }
    }

    @Test func anEmptyIommuGroupsDirectoryIsAClearError() throws {
        let fx = try SysfsFixture()
        try fx.mkdir("kernel/iommu_groups")
        let error = #expect(throws: SysfsError.self) {
            try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        }
        #expect(error == .noGroups(path: fx.root + "/kernel/iommu_groups"))
        #expect(error?.description.contains("no IOMMU groups") == true)
    }

    @Test func aGroupLinkToAMissingDeviceNamesTheLink() throws {
        let fx = try SysfsFixture()
        try fx.group(3, ["pci0000:00/0000:00:03.0"])
        let error = #expect(throws: SysfsError.self) {
            try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        }
        #expect(error == .missingDevice(path: fx.root + "/kernel/iommu_groups/3/devices/0000:00:03.0",
                                        target: "../../../../devices/pci0000:00/0000:00:03.0"))
    }

    @Test func aGroupEntryThatIsNotALinkIsRefused() throws {
        let fx = try SysfsFixture()
        try fx.mkdir("kernel/iommu_groups/4/devices/0000:00:04.0")
        #expect(throws: SysfsError.notALink(path: fx.root + "/kernel/iommu_groups/4/devices/0000:00:04.0")) {
            try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        }
    }

    @Test func aGroupDirectoryThatIsNotANumberIsRefused() throws {
        let fx = try SysfsFixture()
        try fx.mkdir("kernel/iommu_groups/seven/devices")
        #expect(throws: SysfsError.badGroupName(path: fx.root + "/kernel/iommu_groups/seven")) {
            try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        }
    }

    @Test func aMalformedClassFileNamesTheFileAndValue() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:05.0", pciClass: "bridge")
        try fx.group(5, ["pci0000:00/0000:00:05.0"])
        let error = #expect(throws: SysfsError.self) {
            try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        }
        #expect(error?.description.hasPrefix(fx.root + "/devices/pci0000:00/0000:00:05.0/class:") == true)
        #expect(error?.description.contains("'bridge'") == true)
    }

    @Test func platformDevicesWithoutAClassFileAreNotBridges() throws {
        let fx = try SysfsFixture()
        try fx.device("platform/fe200000.dma", pciClass: nil, driver: "vfio-platform")
        try fx.group(0, ["platform/fe200000.dma"])
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        #expect(s.topology.devices.map(\.name) == ["fe200000.dma"])
        #expect(s.topology.devices[0].bridge == false)
        #expect(s.topology.drivers.first { $0.name == "vfio-platform" }?.managedDMA == true)
    }
}
