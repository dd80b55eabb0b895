import DMAOwnEngine
import Foundation

/// Builds a scenario from a real machine's IOMMU groups, so a reviewer can start from the machine
/// on the desk instead of a made-up topology.
public enum SysfsImporter {
    /// The owner every imported scenario declares: the VM that would take a group.
    public static let owner = "qemu"

    /// Reads `root/kernel/iommu_groups/*/devices/*`, each device's bound driver and PCI class, and
    /// returns a `merged`-scheme scenario whose setup binds the drivers bound now and whose threads
    /// are empty (the person adds the operations to study). Drivers matched by `managed` (see
    /// `ManagedDrivers.isManaged`) get `managed_dma = true`. `text` is the scenario's TOML, with
    /// `exampleThreads` as a comment.
    public static func importTopology(root: String, managed: Set<String>) throws(SysfsError) -> Scenario {
        let rootStatus = SysfsPath.directoryStatus(root)
        if let failure = rootStatus.failure { throw .unreadable(path: failure.path, reason: failure.reason) }
        guard rootStatus.isDirectory else { throw .noRoot(path: root) }
        let groupsDir = SysfsPath.join(root, "kernel/iommu_groups")
        let groups = try readGroups(groupsDir)
        guard !groups.isEmpty else { throw .noGroups(path: groupsDir) }

        var seen: [String: Int] = [:]
        var driverNames: [String] = []
        for (id, devices) in groups {
            for d in devices {
                if let first = seen[d.name] { throw .deviceInTwoGroups(device: d.name, first: first, second: id) }
                seen[d.name] = id
                if let drv = d.driver, !driverNames.contains(drv) { driverNames.append(drv) }
            }
        }
        // vfio-pci is what a person binds first when handing a group to a VM, so it is always declared.
        if !driverNames.contains("vfio-pci") { driverNames.append("vfio-pci") }
        driverNames.sort()
        let deviceCount = seen.count
        if deviceCount > 65_535 { throw .tooLarge(path: groupsDir, what: "devices", count: deviceCount, limit: 65_535) }
        // The loader's cap, so every scenario written here loads again.
        if driverNames.count > ScenarioSchema.maxDrivers {
            throw .tooLarge(path: groupsDir, what: "drivers", count: driverNames.count, limit: ScenarioSchema.maxDrivers)
        }

        let drivers = driverNames.map {
            Topology.Driver(name: $0, managedDMA: ManagedDrivers.isManaged($0, by: managed), vfio: ManagedDrivers.isVFIO($0))
        }
        let all = groups.flatMap(\.devices)
        let topology = Topology.make(
            groups: groups.map { (id: $0.id, devices: $0.devices.map(\.name)) },
            bridges: Set(all.filter(\.bridge).map(\.name)), drivers: drivers, owners: [owner])
        let setup: [DMAOwnEngine.Operation] = all.compactMap { d in
            guard let drv = d.driver, case .found(let di) = topology.deviceIndex(named: d.name),
                  let dr = topology.driverIndex(named: drv) else { return nil }
            return .bind(device: di, driver: dr)
        }
        let bound = setup.count
        var scenario = Scenario(
            title: "IOMMU groups of \(root)",
            description: "\(groups.count) IOMMU group\(groups.count == 1 ? "" : "s") and \(deviceCount) device\(deviceCount == 1 ? "" : "s") "
                + "read from \(root); setup binds the drivers of the \(bound) device\(bound == 1 ? "" : "s") bound when it was read.",
            tryNote: "Add operations with ':' (for example 'claim GROUP qemu' beside 'unbind DEVICE') and step them.",
            scheme: .merged, topology: topology, setup: setup, threads: [], source: root)
        // The scenario carries its own TOML, so traces saved from it (the TUI's --sysfs) replay anywhere.
        scenario.text = ScenarioWriter.toml(scenario, threadHints: exampleThreads(for: scenario))
        // Write only what reads back: the text must load as the scenario it describes.
        do { _ = try ScenarioLoader.parse(scenario.text, source: root) } catch {
            throw .notReadableBack(path: root, reason: error.description)
        }
        return scenario
    }

    /// Groups in numeric order, each with its devices in name order.
    static func readGroups(_ groupsDir: String) throws(SysfsError) -> [(id: Int, devices: [SysfsDevice])] {
        let status = SysfsPath.directoryStatus(groupsDir)
        if let failure = status.failure { throw .unreadable(path: failure.path, reason: failure.reason) }
        guard status.isDirectory else { throw .noGroups(path: groupsDir) }
        var groups: [(id: Int, devices: [SysfsDevice])] = []
        for entry in try list(groupsDir) {
            let groupDir = groupsDir + "/" + entry
            guard let id = ScenarioReader.groupNumber(entry) else { throw .badGroupName(path: groupDir) }
            let devicesDir = groupDir + "/devices"
            var devices: [SysfsDevice] = []
            let devicesStatus = SysfsPath.directoryStatus(devicesDir)
            if let failure = devicesStatus.failure { throw .unreadable(path: failure.path, reason: failure.reason) }
            if devicesStatus.isDirectory {
                for name in try list(devicesDir) { devices.append(try SysfsDevice.read(link: devicesDir + "/" + name)) }
            }
            // A group with no devices has nothing to own; the model has no use for it.
            if !devices.isEmpty { groups.append((id, devices)) }
        }
        return groups.sorted { $0.id < $1.id }
    }

    private static func list(_ dir: String) throws(SysfsError) -> [String] {
        switch SysfsPath.list(dir) {
        case .success(let names): return names
        case .failure(let e): throw .unreadable(path: e.path, reason: e.reason)
        }
    }
}
