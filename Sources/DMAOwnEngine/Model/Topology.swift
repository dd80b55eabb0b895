/// The immutable facts of a machine: names, group membership, driver kinds and user owners.
///
/// The mutable `World` refers to everything here by index, so states stay small and cheap to hash;
/// names are looked up here only when something is shown to a person.
public struct Topology: Hashable, Sendable {
    /// One IOMMU group: its sysfs number and the indices of its devices.
    public struct Group: Hashable, Sendable {
        public var id: Int
        public var devices: [Int]
        public init(id: Int, devices: [Int]) { self.id = id; self.devices = devices }
    }

    /// One device: its name (`0000:01:00.0`), its group index and whether it is a bridge.
    public struct Device: Hashable, Sendable {
        public var name: String
        public var group: Int
        public var bridge: Bool
        public init(name: String, group: Int, bridge: Bool = false) {
            self.name = name; self.group = group; self.bridge = bridge
        }
    }

    /// One driver: `managedDMA` drivers (vfio-pci, pci-stub, pcieport) never take a kernel count.
    public struct Driver: Hashable, Sendable {
        public var name: String
        public var managedDMA: Bool
        public var mayFail: Set<FailPoint>
        /// A VFIO driver (vfio-pci, vfio-platform, the vfio-pci variants): while one is bound to a
        /// device of a group, `/dev/vfio/N` exists and a user can open the group or the device's cdev.
        /// `driver_managed_dma` alone is not enough: pci-stub and pcieport are managed but not VFIO.
        public var vfio: Bool
        /// `vfio` nil takes the naming rule of `Driver.isVFIOName`; an explicit value wins.
        public init(name: String, managedDMA: Bool, mayFail: Set<FailPoint> = [], vfio: Bool? = nil) {
            self.name = name; self.managedDMA = managedDMA; self.mayFail = mayFail
            self.vfio = vfio ?? Driver.isVFIOName(name)
        }

        /// The default for `vfio`: names beginning `vfio` (vfio-pci, vfio-platform, vfio-amba) or
        /// ending `-vfio-pci` / `_vfio_pci` (the vfio-pci variant drivers, e.g. mlx5_vfio_pci).
        public static func isVFIOName(_ name: String) -> Bool {
            name.hasPrefix("vfio") || name.hasSuffix("-vfio-pci") || name.hasSuffix("_vfio_pci")
        }
    }

    public var groups: [Group]
    public var devices: [Device]
    public var drivers: [Driver]
    /// User owners (VFIO containers, iommufd contexts) by name.
    public var owners: [String]
    /// Kernel build options that change the bind path (`[kernel]` in a scenario file).
    public var kernel: KernelConfig

    public init(groups: [Group] = [], devices: [Device] = [], drivers: [Driver] = [], owners: [String] = [],
                kernel: KernelConfig = .init()) {
        self.groups = groups; self.devices = devices; self.drivers = drivers; self.owners = owners; self.kernel = kernel
    }

    /// Index of the group whose sysfs number is `id`.
    public func groupIndex(id: Int) -> Int? { groups.firstIndex { $0.id == id } }
    public func driverIndex(named name: String) -> Int? { drivers.firstIndex { $0.name == name } }
    public func ownerIndex(named name: String) -> Int? { owners.firstIndex(of: name) }

    /// Resolves a device by its full name or by a unique suffix (`01:00.1` for `0000:01:00.1`).
    public func deviceIndex(named name: String) -> DeviceLookup {
        if let exact = devices.firstIndex(where: { $0.name == name }) { return .found(exact) }
        let matches = devices.indices.filter { devices[$0].name.hasSuffix(name) }
        switch matches.count {
        case 0: return .unknown
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.map { devices[$0].name })
        }
    }

    /// Builds a topology from groups given as sysfs number and device names, in order.
    public static func make(
        groups: [(id: Int, devices: [String])], bridges: Set<String> = [],
        drivers: [Driver], owners: [String], kernel: KernelConfig = .init()
    ) -> Topology {
        var topo = Topology(drivers: drivers, owners: owners, kernel: kernel)
        for (gi, g) in groups.enumerated() {
            var members: [Int] = []
            for name in g.devices {
                members.append(topo.devices.count)
                topo.devices.append(Device(name: name, group: gi, bridge: bridges.contains(name)))
            }
            topo.groups.append(Group(id: g.id, devices: members))
        }
        return topo
    }
}

/// The answer to a device-name look-up, which may be a unique suffix.
public enum DeviceLookup: Equatable, Sendable {
    case found(Int)
    case unknown
    case ambiguous([String])
}

/// A point in the bind path where a driver may fail; each is a two-way choice for the scheduler.
public enum FailPoint: String, Hashable, Sendable, CaseIterable, Codable {
    case pinctrl
    case probe
}
