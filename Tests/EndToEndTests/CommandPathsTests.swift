import DMAOwnEngine
import DMAOwnScenario
import DMAOwnTestSupport
import Foundation
import Testing

/// Commands and options no other test ran (issue 18): `themes --depth/--screen`, `scenarios
/// list|show`, the success paths of `export --invariant`, `import-sysfs --managed/--unmanaged`
/// and `check --no-por`. Each asserts what the command printed or wrote.
@Suite struct CommandPathsTests {
    typealias CLI = CheckExitStatusTests

    /// The parameter lists of every SGR sequence in `s` (`ESC[0;1;38;5;12m` → [0, 1, 38, 5, 12]).
    static func sgrParameters(_ s: String) -> [[Int]] {
        s.components(separatedBy: "\u{1B}[").dropFirst().compactMap { rest in
            guard let m = rest.firstIndex(of: "m") else { return nil }
            let body = rest[..<m]
            guard body.allSatisfy({ $0.isNumber || $0 == ";" }) else { return nil }
            return body.split(separator: ";").compactMap { Int($0) }
        }
    }

    /// How the colours in `s` are written: "truecolor" (38/48;2), "256" (38/48;5), "16" (30–37,
    /// 40–47, 90–97, 100–107) or none at all.
    static func colourForms(_ s: String) -> Set<String> {
        var forms: Set<String> = []
        for p in sgrParameters(s) {
            var i = 0
            while i < p.count {
                if p[i] == 38 || p[i] == 48, i + 1 < p.count {
                    forms.insert(p[i + 1] == 2 ? "truecolor" : "256"); i += p[i + 1] == 2 ? 5 : 3
                } else {
                    if (30...37).contains(p[i]) || (40...47).contains(p[i]) || (90...97).contains(p[i]) || (100...107).contains(p[i]) { forms.insert("16") }
                    i += 1
                }
            }
        }
        return forms
    }

    @Test(arguments: [("truecolor", "truecolor"), ("256", "256"), ("16", "16")])
    func themesDepthWritesColoursAtThatDepth(depth: String, form: String) throws {
        let one = try CLI.run(["themes", "nord", "--depth", depth])
        #expect(one.status == 0, "\(one.err)")
        #expect(one.out.hasPrefix("nord: "))
        // A swatch line per role, each with a sample drawn in the role's style.
        #expect(one.out.components(separatedBy: " sample 0 -EBUSY ").count - 1 >= 20, "\(one.out)")
        #expect(Self.colourForms(one.out) == [form], "\(Self.colourForms(one.out))")
        let all = try CLI.run(["themes", "--depth", depth])
        #expect(all.status == 0, "\(all.err)")
        #expect(all.out.contains("nord: ") && all.out.contains("monochrome: "))
        #expect(Self.colourForms(all.out) == [form])
    }

    @Test func themesDepthMonoWritesNoColourAtAll() throws {
        let r = try CLI.run(["themes", "nord", "--depth", "mono"])
        #expect(r.status == 0, "\(r.err)")
        #expect(!Self.sgrParameters(r.out).isEmpty, "attributes are still written")
        #expect(Self.colourForms(r.out).isEmpty)
        // Without --depth and into a pipe: plain words, no escapes.
        let plain = try CLI.run(["themes", "nord"])
        #expect(plain.status == 0 && !plain.out.contains("\u{1B}["))
    }

    /// `--screen` draws the TUI's 120×40 first screen of the built-in scenario in the theme.
    @Test func themesScreenDrawsTheFirstScreenInTheTheme() throws {
        let r = try CLI.run(["themes", "nord", "--screen", "--depth", "256"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 40)
        let plain = lines.map { $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) }
        #expect(plain.allSatisfy { $0.count == 120 }, "\(plain.map(\.count))")
        let title = try BuiltinScenarios.load(BuiltinScenarios.defaultName).title
        #expect(plain.contains { $0.contains(String(title.prefix(30))) }, "the scenario's title is on screen")
        #expect(plain.contains { $0.contains("claim 7 qemu") } && plain.contains { $0.contains("group 7") })
        #expect(Self.colourForms(r.out) == ["256"])
        let other = try CLI.run(["themes", "light", "--screen", "--depth", "256"])
        #expect(other.out != r.out, "another theme draws the same characters in other colours")
    }

    @Test func scenariosListNamesEveryBuiltinWithItsTitle() throws {
        let listed = try CLI.run(["scenarios", "list"])
        #expect(listed.status == 0, "\(listed.err)")
        let lines = listed.out.split(separator: "\n")
        #expect(lines.count == BuiltinScenarios.all.count)
        #expect(!BuiltinScenarios.all.isEmpty)
        for (line, entry) in zip(lines, BuiltinScenarios.all) {
            let title = try BuiltinScenarios.load(entry.name).title
            #expect(line.hasPrefix(entry.name + " ") && line.hasSuffix("  " + title), "\(line)")
        }
        #expect(try CLI.run(["scenarios"]).out == listed.out, "list is the default")
    }

    @Test func scenariosShowPrintsTheTOMLThatChecksAsTheScenario() throws {
        let scratch = try Scratch("paths")
        let shown = try CLI.run(["scenarios", "show", "s5-bind-vs-claim"])
        #expect(shown.status == 0, "\(shown.err)")
        #expect(shown.out == BuiltinScenarios.named("s5-bind-vs-claim"))
        let copy = try scratch.scenarioFile(shown.out)
        let fromFile = try CLI.run(["check", copy, "--json"]), builtIn = try CLI.run(["check", "s5-bind-vs-claim", "--json"])
        let a = try #require(JSONSerialization.jsonObject(with: Data(fromFile.out.utf8)) as? [String: Any])
        let b = try #require(JSONSerialization.jsonObject(with: Data(builtIn.out.utf8)) as? [String: Any])
        #expect(fromFile.status == builtIn.status)
        #expect((a["outcomes"] as? [[String: Any]])?.count == (b["outcomes"] as? [[String: Any]])?.count)
        #expect((a["violations"] as? [Any])?.count == (b["violations"] as? [Any])?.count)
        let unknown = try CLI.run(["scenarios", "show", "no-such-scenario"])
        #expect(unknown.status == 2 && unknown.out.isEmpty)
        #expect(unknown.err.split(separator: "\n").count == 1 && unknown.err.contains("no-such-scenario"), "\(unknown.err)")
    }

    /// notifier-bug-on breaks isolation (e1000e's probe) and then bug-on (BOUND_DRIVER): each
    /// `--invariant` exports the schedule ending at its own violation.
    @Test(arguments: ["isolation", "bug-on"])
    func exportInvariantEndsAtThatViolation(invariant: String) throws {
        let r = try CLI.run(["export", "notifier-bug-on", "--format", "text", "--invariant", invariant])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let violations = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("VIOLATION ") }
        let last = try #require(violations.last, "\(r.out)")
        #expect(last.contains("VIOLATION \(invariant): "), "\(violations)")
        // The schedule stops at the step that broke it: nothing but results follows.
        let index = try #require(lines.lastIndex(of: last))
        #expect(lines[(index + 1)...].allSatisfy { $0.hasPrefix("thread ") }, "\(lines[(index + 1)...])")
        if invariant == "isolation" { #expect(!r.out.contains("VIOLATION bug-on")) }
    }

    @Test func exportInvariantThatNoScheduleBreaksIsRefusedNamingTheBrokenOnes() throws {
        let r = try CLI.run(["export", "notifier-bug-on", "--format", "text", "--invariant", "deadlock"])
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.contains("isolation") && r.err.contains("bug-on"), "\(r.err)")
    }

    /// A sysfs root like ExportImportCommandTests' but with the bound device on `driver`.
    static func root(driver: String, in scratch: Scratch) throws -> String {
        let root = try ExportImportCommandTests.sysfsRoot(in: scratch)
        let link = "\(root)/devices/pci0000:00/0000:04:00.0/driver"
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createDirectory(atPath: "\(root)/bus/pci/drivers/\(driver)", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../../../bus/pci/drivers/\(driver)")
        return root
    }

    /// The `managed_dma` the imported scenario gives `driver`.
    static func managed(_ toml: String, _ driver: String) throws -> Bool {
        let line = try #require(toml.split(separator: "\n").first { $0.hasPrefix("\(driver) = {") || $0.hasPrefix("\"\(driver)\" = {") }, "\(toml)")
        #expect(line.contains("managed_dma = true") || line.contains("managed_dma = false"), "\(line)")
        return line.contains("managed_dma = true")
    }

    @Test func importSysfsManagedAndUnmanagedOverrideTheKnownDrivers() throws {
        let scratch = try Scratch("paths")
        let e1000e = try ExportImportCommandTests.sysfsRoot(in: scratch)
        let plain = try CLI.run(["import-sysfs", e1000e])
        #expect(plain.status == 0, "\(plain.err)")
        #expect(try !Self.managed(plain.out, "e1000e"))
        for pattern in ["e1000e", "e1000*", "*1000e"] {
            let r = try CLI.run(["import-sysfs", e1000e, "--managed", pattern])
            #expect(r.status == 0, "\(r.err)")
            #expect(try Self.managed(r.out, "e1000e"), "--managed \(pattern)")
        }
        let stub = try Self.root(driver: "pci-stub", in: scratch)
        #expect(try Self.managed(CLI.run(["import-sysfs", stub]).out, "pci-stub"), "pci-stub is known as managed")
        let r = try CLI.run(["import-sysfs", stub, "--unmanaged", "pci-stub"])
        #expect(r.status == 0, "\(r.err)")
        #expect(try !Self.managed(r.out, "pci-stub"))
        // The imported machine checks under its driver kinds: a DMA-API driver counts owner_cnt.
        let file = try scratch.scenarioFile(r.out)
        #expect(try CLI.run(["check", file]).status == 0)
    }

    /// `--no-por`: the same verdict and outcomes (with counts) from an unreduced search, which
    /// visits at least as many states.
    @Test(arguments: ["s5-bind-vs-claim", "notifier-bug-on", "robin-stale-owner"])
    func checkNoPORGivesTheSameAnswerFromMoreStates(name: String) throws {
        let reduced = try CLI.run(["check", name, "--json"]), full = try CLI.run(["check", name, "--json", "--no-por"])
        #expect(reduced.status == full.status)
        #expect(full.status == 0 || full.status == 1, "\(full.err)")
        let r = try #require(JSONSerialization.jsonObject(with: Data(reduced.out.utf8)) as? [String: Any])
        let f = try #require(JSONSerialization.jsonObject(with: Data(full.out.utf8)) as? [String: Any])
        #expect(r["partial_order_reduction"] as? Bool == true)
        #expect(f["partial_order_reduction"] as? Bool == false)
        let invariants = { (o: [String: Any]) in Set((o["violations"] as? [[String: Any]] ?? []).compactMap { $0["invariant"] as? String }) }
        #expect(invariants(r) == invariants(f))
        #expect(!invariants(f).isEmpty == (full.status == 1))
        let outcomes = { (o: [String: Any]) -> [String: Int] in
            Dictionary((o["outcomes"] as? [[String: Any]] ?? []).map { outcome in
                let results = (outcome["results"] as? [String: String] ?? [:]).map { "\($0.key)=\($0.value)" }.sorted()
                return (results.joined(separator: ", "), outcome["schedules"] as? Int ?? -1)
            }, uniquingKeysWith: +)
        }
        #expect(!outcomes(f).isEmpty)
        #expect(outcomes(r) == outcomes(f))
        let rs = try #require(r["states"] as? Int), fs = try #require(f["states"] as? Int)
        #expect(fs >= rs)
        // Not the same answer by not searching: the human text says so too.
        let text = try CLI.run(["check", name, "--no-por"])
        #expect(text.out.hasPrefix(full.status == 0 ? "OK" : "BROKEN"))
    }
}
