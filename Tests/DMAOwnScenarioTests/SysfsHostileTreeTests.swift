import Foundation
import Glibc
import Testing
@testable import DMAOwnScenario

/// Issue 16's sysfs classes: hostile trees are refused with the real reason in words, the path,
/// and the value shown escaped; nothing is parsed loosely; what is written always loads again.
@Suite struct SysfsHostileTreeTests {
    static func importError(_ fx: SysfsFixture) -> SysfsError? {
        do {
            let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
            Issue.record("imported: \(s.text)")
            return nil
        } catch { return error }
    }

    /// Names with a space, a tab, a newline or an escape cannot go into operation lines.
    @Test(arguments: ["0000:01:00.0 x", "0000:01:00.0\tx", "0000:01:00.0\nx", "0000:01:00.0\u{1B}]0;pwned\u{7}"])
    func aDeviceNameABlankOrControlIsRefusedEscaped(_ name: String) throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/" + name, driver: "e1000e")
        try fx.group(1, ["pci0000:00/" + name])
        let e = try #require(Self.importError(fx))
        #expect(e.description.contains("device name"), "\(e)")
        #expect(!e.description.unicodeScalars.contains { $0.value < 0x20 }, "\(e)")
    }

    @Test func aDriverNameWithASpaceIsRefused() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:01:00.0", driver: "bad driver")
        try fx.group(1, ["pci0000:00/0000:01:00.0"])
        let e = try #require(Self.importError(fx))
        #expect(e.description.contains("driver name 'bad driver'"), "\(e)")
    }

    /// Every accepted import loads again as it was read (the round trip the TUI's traces need).
    @Test func whatIsImportedLoadsBack() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:01.0", pciClass: "0x060400", driver: "pcieport")
        try fx.device("pci0000:00/0000:00:01.0/0000:01:00.0", driver: "e1000e")
        try fx.group(3, ["pci0000:00/0000:00:01.0", "pci0000:00/0000:00:01.0/0000:01:00.0"])
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        let back = try ScenarioLoader.parse(s.text, source: "imported.toml")
        #expect(back.topology == s.topology)
        #expect(back.setup == s.setup)
    }

    @Test(arguments: ["0x+60400", "0x-60400", "+0x060400", "0x", "0x 060400", "0x0604000000"])
    func aClassIsParsedStrictly(_ pciClass: String) throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:01.0", pciClass: pciClass)
        try fx.group(1, ["pci0000:00/0000:00:01.0"])
        let e = try #require(Self.importError(fx))
        #expect(e.description.contains("is not a PCI class"), "\(e)")
    }

    @Test func aSignedGroupDirectoryIsNotAGroup() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:01.0")
        try fx.group(7, ["pci0000:00/0000:00:01.0"])
        try FileManager.default.moveItem(atPath: fx.root + "/kernel/iommu_groups/7", toPath: fx.root + "/kernel/iommu_groups/+7")
        let e = try #require(Self.importError(fx))
        #expect(e == .badGroupName(path: fx.root + "/kernel/iommu_groups/+7"))
    }

    /// Special files as `class`: the real reason, quickly, and never their contents.
    @Test func aClassThatIsNotARegularFileSaysWhatItIs() throws {
        let fx = try SysfsFixture()
        let dev = try fx.device("pci0000:00/0000:00:01.0", pciClass: nil)
        try fx.group(1, ["pci0000:00/0000:00:01.0"])
        let cls = fx.root + "/" + dev + "/class"
        #expect(mkfifo(cls, 0o600) == 0)
        #expect(Self.importError(fx)?.description == "\(cls): cannot be read (is a FIFO, not a regular file)")
        try FileManager.default.removeItem(atPath: cls)
        try FileManager.default.createSymbolicLink(atPath: cls, withDestinationPath: "/dev/zero")
        #expect(Self.importError(fx)?.description == "\(cls): cannot be read (is a character device, not a regular file)")
        try FileManager.default.removeItem(atPath: cls)
        try FileManager.default.createDirectory(atPath: cls, withIntermediateDirectories: false)
        #expect(Self.importError(fx)?.description == "\(cls): cannot be read (is a directory, not a regular file)")
        try FileManager.default.removeItem(atPath: cls)
        try String(repeating: "0x060400\u{1B}[2J", count: 100_000).write(toFile: cls, atomically: false, encoding: .utf8)
        let e = try #require(Self.importError(fx))
        #expect(e.description == "\(cls): cannot be read (is larger than \(SysfsDevice.maxClassBytes) bytes)")
    }

    @Test func aSymlinkLoopSaysSo() throws {
        let fx = try SysfsFixture()
        try fx.mkdir("kernel")
        try FileManager.default.createSymbolicLink(atPath: fx.root + "/kernel/iommu_groups", withDestinationPath: "iommu_groups")
        let e = try #require(Self.importError(fx))
        #expect(e.description.contains("too many levels of symbolic links"), "\(e)")
        #expect(!e.description.contains("IOMMU enabled"))
    }

    /// Without permission to look inside a device's directory, its binding is not silently dropped.
    /// Root reads through missing permissions, so the check only means something for a user.
    @Test(.enabled(if: geteuid() != 0, "root reads through missing permissions: run as a user to check this"))
    func anUnreadableDeviceDirectoryIsAnErrorNotUnbound() throws {
        let fx = try SysfsFixture()
        let dev = try fx.device("pci0000:00/0000:00:01.0", driver: "e1000e")
        try fx.group(1, ["pci0000:00/0000:00:01.0"])
        let dir = fx.root + "/" + dev
        #expect(chmod(dir, 0) == 0)
        defer { chmod(dir, 0o755) }
        let e = try #require(Self.importError(fx))
        #expect(e.description.contains("Permission denied"), "\(e)")
    }
}
