import Testing
import Foundation
import DMAOwnEngine
@testable import DMAOwnScenario
import DMAOwnTestSupport

/// One test per class of error a scenario file can have: each names the right line and quotes the value.
@Suite struct LoaderErrorTests {
    /// A valid scenario; each case edits one line of it (lines numbered from 1 as shown).
    static let base = """
        title = "bind races claim"
        scheme = "merged"
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci"]
        threads = [
            "bind 0000:01:00.1 e1000e",
            "claim 7 qemu",
        ]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]
        """

    /// `base` with line `n` (1-based) replaced by `with` (which may span several lines).
    static func edit(_ n: Int, _ with: String) -> String {
        var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[n - 1] = with
        return lines.joined(separator: "\n")
    }

    static func append(_ more: String) -> String { base + "\n" + more }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var value: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "TOML syntax", text: edit(12, "e1000e = { managed_dma = false"), line: 12, value: "e1000e = { managed_dma = false",
             message: "invalid TOML: "),
        Case(name: "unknown top-level key", text: edit(1, "titel = \"x\""), line: 1, value: "titel",
             message: "unknown key 'titel' at top level (expected one of: title, scheme, description, try, owners, setup, threads, drivers, groups, devices, kernel, expect, goal)"),
        Case(name: "unknown driver key", text: edit(12, "e1000e = { managed_dma = false, mayfail = [] }"), line: 12, value: "mayfail",
             message: "unknown key 'mayfail' in [drivers.e1000e] (expected one of: managed_dma, may_fail, vfio)"),
        Case(name: "unknown device key", text: append("[devices]\n\"0000:01:00.0\" = { bridge = true, acs = false }"), line: 17, value: "acs",
             message: "unknown key 'acs' in [devices.0000:01:00.0] (expected one of: bridge)"),
        Case(name: "unknown expect key", text: append("[expect]\ninvariants = []\noutcome = 2"), line: 18, value: "outcome",
             message: "unknown key 'outcome' in [expect] (expected one of: invariants, outcomes)"),
        Case(name: "unknown kernel key", text: append("[kernel]\ndebug_test_removal = true"), line: 17, value: "debug_test_removal",
             message: "unknown key 'debug_test_removal' in [kernel] (expected one of: debug_test_remove)"),
        Case(name: "unknown test_remove path", text: append("[kernel]\ndebug_test_remove = \"6.1\""), line: 17, value: "6.1",
             message: "unknown test_remove path '6.1' in [kernel] (expected true, false or one of: 5.19, 6.6)"),
        Case(name: "wrong type", text: edit(2, "scheme = 5"), line: 2, value: "5",
             message: "'scheme' must be a string, not the integer '5'"),
        Case(name: "wrong type in driver", text: edit(11, "vfio-pci = { managed_dma = \"yes\" }"), line: 11, value: "yes",
             message: "'drivers.vfio-pci.managed_dma' must be true or false, not the string 'yes'"),
        Case(name: "missing required key", text: edit(2, ""), line: 1, value: "scheme",
             message: "missing required key 'scheme'"),
        Case(name: "missing managed_dma", text: edit(12, "e1000e = { }"), line: 12, value: "e1000e",
             message: "driver 'e1000e' is missing 'managed_dma' (true for vfio-pci, pci-stub, pcieport; false for DMA-API drivers)"),
        Case(name: "unknown scheme", text: edit(2, "scheme = \"merge\""), line: 2, value: "merge",
             message: "unknown scheme 'merge' (expected one of: notifier, v6, merged, iommufd, robin, robin-locked)"),
        Case(name: "unknown device in operation", text: edit(6, "    \"bind 0000:02:00.0 e1000e\","), line: 6, value: "0000:02:00.0",
             message: "threads: unknown device '0000:02:00.0' in 'bind 0000:02:00.0 e1000e'"),
        Case(name: "unknown driver in operation", text: edit(6, "    \"bind 0000:01:00.1 igb\","), line: 6, value: "igb",
             message: "threads: unknown driver 'igb' in 'bind 0000:01:00.1 igb'"),
        Case(name: "unknown owner in operation", text: edit(7, "    \"claim 7 libvirt\","), line: 7, value: "libvirt",
             message: "threads: unknown owner 'libvirt' in 'claim 7 libvirt'"),
        Case(name: "unknown group in operation", text: edit(7, "    \"claim 8 qemu\","), line: 7, value: "8",
             message: "threads: unknown group '8' in 'claim 8 qemu'"),
        Case(name: "malformed operation", text: edit(4, "setup = [\"bind 0000:01:00.0\"]"), line: 4, value: "bind 0000:01:00.0",
             message: "setup: 'bind 0000:01:00.0' does not match 'bind DEVICE DRIVER'"),
        Case(name: "unknown verb", text: edit(7, "    \"attach 7 qemu\","), line: 7, value: "attach",
             message: "threads: unknown operation 'attach' (expected one of: bind, unbind, claim, release, dclaim, drelease, kclaim, krelease) in 'attach 7 qemu'"),
        Case(name: "duplicate device", text: edit(15, "7 = [\"0000:01:00.0\", \"0000:01:00.1\",\n     \"0000:01:00.0\"]"), line: 16, value: "0000:01:00.0",
             message: "duplicate device '0000:01:00.0' in group 7"),
        Case(name: "device in two groups", text: append("8 = [\"0000:02:00.0\", \"0000:01:00.1\"]"), line: 16, value: "0000:01:00.1",
             message: "device '0000:01:00.1' is in two groups (7 and 8)"),
        Case(name: "unknown may_fail point", text: edit(12, "e1000e = { managed_dma = false, may_fail = [\"probe\", \"firmware\"] }"), line: 12, value: "firmware",
             message: "unknown may_fail point 'firmware' of driver 'e1000e' (expected one of: pinctrl, probe)"),
        Case(name: "unknown invariant", text: append("[expect]\ninvariants = [\n  \"isolation\",\n  \"deadlocks\",\n]"), line: 19, value: "deadlocks",
             message: "unknown invariant 'deadlocks' in [expect] (expected one of: isolation, bug-on, stale-owner, warn, deadlock, lock-order)"),
        Case(name: "non-numeric group", text: edit(15, "seven = [\"0000:01:00.0\", \"0000:01:00.1\"]"), line: 15, value: "seven",
             message: "group 'seven' is not a group number (the N of /sys/kernel/iommu_groups/N)"),
        Case(name: "no groups", text: edit(15, ""), line: 14, value: "groups",
             message: "[groups] declares no group"),
        Case(name: "unknown device in [devices]", text: append("[devices]\n\"0000:09:00.0\" = { bridge = true }"), line: 17, value: "0000:09:00.0",
             message: "unknown device '0000:09:00.0' in [devices] (declare it in [groups] first)"),
        Case(name: "failing setup operation", text: edit(4, "setup = [\n  \"bind 01:00.0 vfio-pci\",\n  \"bind 01:00.0 e1000e\",\n]"), line: 6, value: "bind 01:00.0 e1000e",
             message: "setup operation 'bind 01:00.0 e1000e' returned -EBUSY under scheme merged"),
    ]

    @Test func baseIsValid() throws {
        let s = try ScenarioLoader.parse(Self.base, source: "base.toml")
        #expect(s.threads.count == 2)
        #expect(s.topology.devices.map(\.name) == ["0000:01:00.0", "0000:01:00.1"])
    }

    @Test(arguments: cases) func reportsLineAndValue(_ c: Case) {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(c.text, source: "s.toml") }
        do {
            _ = try ScenarioLoader.parse(c.text, source: "s.toml")
        } catch {
            #expect(error.file == "s.toml")
            #expect(error.line == c.line)
            #expect(error.value == c.value)
            if c.name == "TOML syntax" {
                #expect(error.message.hasPrefix(c.message))
                #expect(error.message.contains("'\(c.value)'"))
            } else {
                #expect(error.message == c.message)
            }
            #expect(error.description == "s.toml:\(c.line): \(error.message)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func unreadableFileIsAnError() {
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/dmaown/none.toml")
            Issue.record("loading a missing file succeeded")
        } catch {
            #expect(error.line == 0)
            #expect(error.description == "/nonexistent/dmaown/none.toml: cannot read scenario file: No such file or directory")
        }
    }
}

/// Tables written with their own headers, files on disk, and limits that keep the world's bytes valid.
@Suite struct LoaderFormTests {
    static let headers = """
        scheme = "merged"
        threads = ["bind 01:00.1 e1000e"]

        [drivers.e1000e]
        managed_dma = false
        may_fail = ["probe",
          "pinctl"]

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]

        [devices."0000:01:00.0"]
        bridge = 1
        """

    @Test func valueInAMultiLineArrayUnderItsOwnHeader() {
        #expect(throws: ScenarioError(file: "h.toml", line: 7, value: "pinctl",
                                      message: "unknown may_fail point 'pinctl' of driver 'e1000e' (expected one of: pinctrl, probe)")) {
            try ScenarioLoader.parse(Self.headers, source: "h.toml")
        }
    }

    @Test func keyUnderAQuotedHeader() {
        let text = Self.headers.replacingOccurrences(of: "\"pinctl\"", with: "\"pinctrl\"")
        #expect(throws: ScenarioError(file: "h.toml", line: 13, value: "1",
                                      message: "'devices.0000:01:00.0.bridge' must be true or false, not the integer '1'")) {
            try ScenarioLoader.parse(text, source: "h.toml")
        }
    }

    @Test func headerFormLoads() throws {
        let text = Self.headers.replacingOccurrences(of: "\"pinctl\"", with: "\"pinctrl\"").replacingOccurrences(of: "bridge = 1", with: "bridge = true")
        let s = try ScenarioLoader.parse(text, source: "h.toml")
        #expect(s.topology.drivers == [.init(name: "e1000e", managedDMA: false, mayFail: [.probe, .pinctrl])])
        #expect(s.topology.devices.map(\.bridge) == [true, false])
        #expect(s.title == "h")
    }

    @Test func windowsLineEndings() {
        let text = Self.headers.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(throws: ScenarioError(file: "h.toml", line: 7, value: "pinctl",
                                      message: "unknown may_fail point 'pinctl' of driver 'e1000e' (expected one of: pinctrl, probe)")) {
            try ScenarioLoader.parse(text, source: "h.toml")
        }
    }

    @Test func loadsAFileFromDisk() throws {
        let scratch = try Scratch("loader")
        let path = try scratch.file("base.toml", LoaderErrorTests.base)
        let s = try ScenarioLoader.load(path: path)
        #expect(s.source == path)
        #expect(s.text == LoaderErrorTests.base)
        #expect(s.setupLines == ["bind 0000:01:00.0 vfio-pci"])
    }

    @Test func tooManyOwnersIsAnErrorNotATrap() {
        let owners = (0...100).map { "\"o\($0)\"" }.joined(separator: ", ")
        let text = LoaderErrorTests.base.replacingOccurrences(of: "owners = [\"qemu\"]", with: "owners = [\"qemu\", \(owners)]")
        #expect(throws: ScenarioError(file: "s.toml", line: 3, value: "102", message: "too many owners: 102 (at most 100)")) {
            try ScenarioLoader.parse(text, source: "s.toml")
        }
    }

    @Test func groupOrderFollowsTheFile() throws {
        let text = LoaderErrorTests.base + "\n10 = [\"0000:02:00.0\"]\n2 = [\"0000:03:00.0\"]"
        let s = try ScenarioLoader.parse(text, source: "s.toml")
        #expect(s.topology.groups.map(\.id) == [7, 10, 2])
    }
}
