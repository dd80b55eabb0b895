import DMAOwnBench
import DMAOwnTerminal
import DMAOwnTestSupport
import Foundation
import Testing

/// `dmaown import-sysfs` and `dmaown export` as a user runs them: what lands on stdout or in the
/// file, and exit status 2 with one line on stderr for input they cannot use.
@Suite struct ExportImportCommandTests {
    typealias CLI = CheckExitStatusTests

    /// A sysfs root with group 4 = {a device on e1000e, an unbound one}, linked as the kernel links them.
    static func sysfsRoot(in scratch: Scratch) throws -> String {
        let root = try scratch.uniqueFolder("sysfs"), fm = FileManager.default
        for (dev, driver) in [("0000:04:00.0", "e1000e"), ("0000:04:00.1", nil)] as [(String, String?)] {
            let dir = "\(root)/devices/pci0000:00/\(dev)"
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try "0x020000\n".write(toFile: dir + "/class", atomically: false, encoding: .utf8)
            if let driver {
                try fm.createDirectory(atPath: "\(root)/bus/pci/drivers/\(driver)", withIntermediateDirectories: true)
                try fm.createSymbolicLink(atPath: dir + "/driver", withDestinationPath: "../../../bus/pci/drivers/\(driver)")
            }
            try fm.createDirectory(atPath: "\(root)/kernel/iommu_groups/4/devices", withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: "\(root)/kernel/iommu_groups/4/devices/\(dev)",
                                      withDestinationPath: "../../../../devices/pci0000:00/\(dev)")
        }
        return root
    }

    @Test func importedMachineChecksAndExports() throws {
        let scratch = try Scratch("cli")
        let root = try Self.sysfsRoot(in: scratch), out = try scratch.uniqueFolder("out") + "/machine.toml"
        let imported = try CLI.run(["import-sysfs", root, "-o", out])
        #expect(imported.status == 0, "\(imported.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains(#"setup = ["bind 0000:04:00.0 e1000e"]"#))
        #expect(text.contains(#"# threads = ["unbind 0000:04:00.0", "claim 4 qemu"]"#))
        #expect(try CLI.run(["check", out]).status == 0)
        // Uncomment the example race: it is a real scenario for this machine.
        let racing = out.replacingOccurrences(of: "machine.toml", with: "race.toml")
        try text.replacingOccurrences(of: "threads = []\n", with: "")
            .replacingOccurrences(of: "# threads =", with: "threads =").write(toFile: racing, atomically: true, encoding: .utf8)
        let md = try CLI.run(["export", racing, "--format", "markdown"])
        #expect(md.status == 0, "\(md.err)")
        #expect(md.out.contains("| T1 | `unbind 0000:04:00.0` |"))
    }

    @Test func importRefusesToOverwriteWithoutForce() throws {
        let scratch = try Scratch("cli")
        let root = try Self.sysfsRoot(in: scratch), out = try scratch.uniqueFolder("out") + "/machine.toml"
        try "mine\n".write(toFile: out, atomically: false, encoding: .utf8)
        let refused = try CLI.run(["import-sysfs", root, "-o", out])
        #expect(refused.status == 2)
        #expect(refused.err == "dmaown import-sysfs: \(out): already exists (use --force to overwrite it)\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "mine\n")
        #expect(try CLI.run(["import-sysfs", root, "-o", out, "--force"]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("title = "))
    }

    @Test func aMachineWithoutIommuGroupsExitsTwo() throws {
        let scratch = try Scratch("cli")
        let root = try scratch.uniqueFolder("sysfs")
        try FileManager.default.createDirectory(atPath: root + "/kernel/iommu_groups", withIntermediateDirectories: true)
        let r = try CLI.run(["import-sysfs", root])
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("dmaown import-sysfs: \(root)/kernel/iommu_groups: no IOMMU groups"))
        #expect(r.out.isEmpty)
    }

    @Test func aBuiltinCounterexampleExportsAsMermaid() throws {
        let r = try CLI.run(["export", "notifier-bug-on", "--format", "mermaid"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("sequenceDiagram\n"))
        #expect(r.out.contains("✗ isolation"))
    }

    @Test func aJsonExportIsATraceThatExportsAgain() throws {
        let scratch = try Scratch("cli")
        let dir = try scratch.uniqueFolder("out")
        let scenario = try scratch.scenarioFile(CLI.s5)
        #expect(try CLI.run(["export", scenario, "--format", "json", "--scheme", "notifier", "-o", dir + "/t.json"]).status == 0)
        let fromTrace = try CLI.run(["export", dir + "/t.json", "--format", "text"])
        let direct = try CLI.run(["export", scenario, "--format", "text", "--scheme", "notifier"])
        #expect(fromTrace.status == 0, "\(fromTrace.err)")
        #expect(fromTrace.out == direct.out)
    }

    @Test(arguments: [
        ["export", "no-such-scenario", "--format", "text"],
        ["export", "GOOD", "--format", "pdf"],
        ["export", "GOOD", "--format", "text", "--scheme", "nonsense"],
        ["export", "GOOD", "--format", "text", "--invariant", "deadlock"],
        ["export", "busy-machine", "--format", "dot"],
        ["import-sysfs", "/nonexistent-dmaown-root"],
    ])
    func badInputExitsTwoWithOneLine(args: [String]) throws {
        let scratch = try Scratch("cli")
        let good = try scratch.scenarioFile(CLI.s5)
        let r = try CLI.run(args.map { $0 == "GOOD" ? good : $0 })
        #expect(r.status == 2)
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(r.out.isEmpty)
    }

    /// `dmaown --sysfs ROOT` opens the TUI on the imported topology; a root without groups is one line and exit 2.
    @Test(.needsTmux) func sysfsOpensTheTUIOnTheMachinesGroups() throws {
        let scratch = try Scratch("cli")
        let root = try Self.sysfsRoot(in: scratch)
        let t = try Tmux.dmaown(["--sysfs", root])
        #expect(t.waitFor(words: "IOMMU groups of", "group 4", "04:00.0 e1000e"))
        t.run(["send-keys", "-t", t.target, "q"])
        #expect(t.waitForExit() == 0)
        let empty = try scratch.uniqueFolder("sysfs")
        let r = Subprocess.run([Binary.path, "--sysfs", empty])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(empty), "\(r.stderr)")
    }
}
