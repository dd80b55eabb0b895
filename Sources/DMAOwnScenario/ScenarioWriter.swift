import DMAOwnEngine

/// Writes a scenario as TOML in the scenario file format, so an imported machine or a scenario built
/// in the TUI can be saved, edited by hand and loaded again.
public enum ScenarioWriter {
    /// The TOML text of `scenario`. `threadHints` are example thread lines written as a comment
    /// above `threads`, for scenarios (like an import) that leave the threads to the reader.
    public static func toml(_ scenario: Scenario, threadHints: [String] = []) -> String {
        let topo = scenario.topology
        var out: [String] = []
        out.append("title = \(quote(scenario.title))")
        out.append("scheme = \(quote(scenario.scheme.rawValue))")
        if !scenario.description.isEmpty { out.append("description = \(quote(scenario.description))") }
        if !scenario.tryNote.isEmpty { out.append("try = \(quote(scenario.tryNote))") }
        out.append("owners = \(array(topo.owners))")
        out.append("setup = \(array(scenario.setup.map(topo.describe)))")
        if !threadHints.isEmpty {
            out.append("# For example, to race these against each other:")
            out.append("# threads = \(array(threadHints))")
        }
        out.append("threads = \(array(scenario.threads.map(topo.describe)))")

        out.append("")
        out.append("[drivers]")
        for d in topo.drivers {
            var fields = ["managed_dma = \(d.managedDMA)"]
            let fails = FailPoint.allCases.filter(d.mayFail.contains).map(\.rawValue)
            if !fails.isEmpty { fields.append("may_fail = \(array(fails))") }
            // Said whenever it is true, and when false against the naming rule, so a reader sees
            // which drivers give a user /dev/vfio/N without knowing the rule.
            if d.vfio || Topology.Driver.isVFIOName(d.name) { fields.append("vfio = \(d.vfio)") }
            out.append("\(key(d.name)) = { \(fields.joined(separator: ", ")) }")
        }

        out.append("")
        out.append("[groups]")
        for g in topo.groups {
            out.append("\(g.id) = \(array(g.devices.map { topo.devices[$0].name }))")
        }

        let bridges = topo.devices.filter(\.bridge)
        if !bridges.isEmpty {
            out.append("")
            out.append("[devices]")
            for d in bridges { out.append("\(key(d.name)) = { bridge = true }") }
        }

        switch topo.kernel.testRemove {
        case .off: break
        case .v5_19:
            out += ["", "[kernel]", "debug_test_remove = true"]
        case .v6_6:
            out += ["", "[kernel]", "debug_test_remove = \(quote(TestRemove.v6_6.rawValue))"]
        }

        if let e = scenario.expect {
            out.append("")
            out.append("[expect]")
            out.append("invariants = \(array(Invariant.allCases.filter(e.invariants.contains).map(\.rawValue)))")
            if let n = e.outcomes { out.append("outcomes = \(n)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A TOML key: bare when TOML allows it (`vfio-pci`, `7`), quoted otherwise (`"0000:01:00.0"`).
    public static func key(_ s: String) -> String {
        let bare = !s.isEmpty && s.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        return bare ? s : quote(s)
    }

    /// A TOML basic string, with quotes, backslashes and control characters escaped.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where u.value < 0x20 || u.value == 0x7F:
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// An array of strings on one line, or one element per line when that would be too long to read.
    static func array(_ items: [String]) -> String {
        let inline = "[" + items.map(quote).joined(separator: ", ") + "]"
        if inline.count <= 100 { return inline }
        return "[\n" + items.map { "    \(quote($0)),\n" }.joined() + "]"
    }
}
