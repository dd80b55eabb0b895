import DMAOwnEngine
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
        let driver: String?
        switch SysfsPath.readLink(directory + "/driver") {
        case .success(let target): driver = target.map(SysfsPath.basename)
        case .failure(let e): throw .unreadable(path: e.path, reason: e.reason)
        }
        let name = SysfsPath.basename(link)
        try checkName(name, kind: "device", path: link)
        if let driver { try checkName(driver, kind: "driver", path: directory + "/driver") }
        return SysfsDevice(name: name, driver: driver, bridge: try isBridge(directory + "/class"))
    }

    /// Names go into the scenario's operation lines, which split on blanks: a name that could not
    /// be read back is refused here, shown escaped, rather than written into a file that fails to load.
    static func checkName(_ name: String, kind: String, path: String) throws(SysfsError) {
        if name.isEmpty || name.unicodeScalars.contains(where: { $0.properties.isWhitespace || DisplayText.isUnsafe($0) }) {
            throw .unusableName(path: path, kind: kind, name: name)
        }
    }

    /// The most a PCI `class` attribute holds ("0x060400\n"); anything longer is not one.
    static let maxClassBytes = 64

    /// PCI class `0x0604xx` is a PCI-to-PCI bridge; devices without a `class` file (platform
    /// devices) are not bridges.
    static func isBridge(_ classFile: String) throws(SysfsError) -> Bool {
        guard SysfsPath.exists(classFile) else { return false }
        let bytes: [UInt8]
        switch FileRead.bytes(classFile, limit: maxClassBytes) {
        case .success(let b): bytes = b
        case .failure(let e): throw .unreadable(path: classFile, reason: e.reason)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Strictly 0x and hex digits: `0x+60400` is not a class (UInt32(_:radix:) would take the sign).
        let digits = hex.dropFirst(2)
        guard hex.hasPrefix("0x"), !digits.isEmpty, digits.count <= 8, digits.allSatisfy(\.isHexDigit),
              let value = UInt32(digits, radix: 16) else {
            throw .unreadable(path: classFile, reason: "\(DisplayText.quote(hex)) is not a PCI class like 0x060400")
        }
        return value >> 8 == 0x0604
    }
}
