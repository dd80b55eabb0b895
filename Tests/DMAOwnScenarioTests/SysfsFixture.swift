import Foundation
import DMAOwnTestSupport

/// A sysfs tree in a temporary directory with the real layout's relative symlinks, built device by
/// device so each test states only the machine it needs.
/// The tree lives in a `Scratch` folder, removed with the fixture.
final class SysfsFixture {
    private let scratch: Scratch
    var root: String { scratch.root }

    init() throws { scratch = try Scratch("sysfs") }

    /// A PCI device at `path` under `devices/` (e.g. `pci0000:00/0000:00:01.0/0000:01:00.0`), with
    /// its `class` file and, when `driver` is given, a `driver` link into `bus/pci/drivers`.
    /// `driverExists: false` leaves the driver's directory absent, so the link dangles.
    @discardableResult
    func device(_ path: String, pciClass: String? = "0x020000", driver: String? = nil, driverExists: Bool = true) throws -> String {
        let dir = "devices/" + path
        try mkdir(dir)
        if let pciClass { try write("\(pciClass)\n", to: dir + "/class") }
        if let driver {
            let driverDir = "bus/pci/drivers/" + driver
            if driverExists { try mkdir(driverDir) }
            try link(dir + "/driver", to: driverDir)
        }
        return dir
    }

    /// Lists `devicePath` (a path under `devices/`) in group `group`, as the kernel does.
    func group(_ group: Int, _ devicePaths: [String]) throws {
        try mkdir("kernel/iommu_groups/\(group)/devices")
        try write("DMA\n", to: "kernel/iommu_groups/\(group)/type")
        for p in devicePaths {
            let name = String(p.split(separator: "/").last!)
            try link("kernel/iommu_groups/\(group)/devices/\(name)", to: "devices/" + p)
        }
    }

    func mkdir(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
    }

    func write(_ text: String, to relative: String) throws {
        try text.write(toFile: root + "/" + relative, atomically: false, encoding: .utf8)
    }

    /// A relative symlink at `linkPath` to `targetPath`, both relative to the root, the way sysfs
    /// spells them (`../../../../devices/...`).
    func link(_ linkPath: String, to targetPath: String) throws {
        let depth = linkPath.split(separator: "/").count - 1
        let target = String(repeating: "../", count: depth) + targetPath
        try FileManager.default.createSymbolicLink(atPath: root + "/" + linkPath, withDestinationPath: target)
    }
}
