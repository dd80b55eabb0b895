import Foundation

/// One device as sysfs shows it: the facts the model needs, read by following its links.
struct SysfsDevice: Equatable {
    var name: String
    /// The bound driver's name, from the `driver` link's target; nil when unbound.
    var driver: String?
    /// A PCI bridge (class `0x0604xx`): in a group, its driver is pcieport, not a DMA user.
    var bridge: Bool

    /// Reads the device a group's entry at `link` points to.
    static func read(link: String) throws(SysfsError) -> SysfsDevice {
        guard let directory = SysfsPath.resolveLink(link) else { throw .notALink(path: link) }
        guard SysfsPath.isDirectory(directory) else {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) ?? directory
            throw .missingDevice(path: link, target: target)
        }
        let driver = SysfsPath.resolveLink(directory + "/driver").map(SysfsPath.basename)
        return SysfsDevice(name: SysfsPath.basename(link), driver: driver, bridge: try isBridge(directory + "/class"))
    }

    /// PCI class `0x0604xx` is a PCI-to-PCI bridge; devices without a `class` file (platform
    /// devices) are not bridges.
    static func isBridge(_ classFile: String) throws(SysfsError) -> Bool {
        guard SysfsPath.exists(classFile) else { return false }
        let text: String
        do { text = try String(contentsOfFile: classFile, encoding: .utf8) } catch {
            throw .unreadable(path: classFile, reason: "\(error.localizedDescription)")
        }
        let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard hex.hasPrefix("0x"), let value = UInt32(hex.dropFirst(2), radix: 16) else {
            throw .unreadable(path: classFile, reason: "'\(hex)' is not a PCI class like 0x060400")
        }
        return value >> 8 == 0x0604
    }
}
