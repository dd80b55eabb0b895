import DMAOwnEngine
import TOMLKit

/// Turns a parsed TOML table into a `Scenario`, checking every key, type and name, and locating
/// each problem's line in the text (TOMLKit keeps no positions once a file has parsed).
struct ScenarioReader {
    let root: TOMLTable
    let text: String
    let source: String
    /// Every key's and array item's line, found in one pass so loading stays linear.
    let index: TOMLLineIndex

    init(root: TOMLTable, text: String, source: String, index: TOMLLineIndex) {
        self.root = root; self.text = text; self.source = source; self.index = index
    }

    func read() throws(ScenarioError) -> Scenario {
        try checkKeys(root, allowed: ScenarioSchema.topLevel, path: [])
        for key in ScenarioSchema.required where root[key] == nil {
            throw error("missing required key \(q(key))", value: key, line: 1)
        }
        let schemeName = try string(["scheme"], in: root)!
        guard let scheme = SchemeID(rawValue: schemeName) else {
            throw error("unknown scheme \(q(schemeName)) (expected one of: \(SchemeID.allCases.map(\.rawValue).joined(separator: ", ")))",
                        value: schemeName, line: keyLine(["scheme"]))
        }
        let owners = try names(["owners"], in: root, kind: "owner")
        var topology = Topology.make(groups: try groups(), drivers: try drivers(), owners: owners, kernel: try kernel())
        try markBridges(&topology)
        let setupLines = try strings(["setup"], in: root) ?? []
        let threadLines = try strings(["threads"], in: root) ?? []
        try checkCount(owners.count, ["owners"], limit: ScenarioSchema.maxOwners)
        try checkCount(topology.drivers.count, ["drivers"], limit: ScenarioSchema.maxDrivers)
        try checkCount(threadLines.count, ["threads"], limit: ScenarioSchema.maxThreads)
        var scenario = Scenario(
            title: try string(["title"], in: root) ?? defaultTitle,
            description: try string(["description"], in: root) ?? "",
            tryNote: try string(["try"], in: root) ?? "",
            scheme: scheme, topology: topology,
            setup: try operations(setupLines, key: "setup", topology),
            threads: try operations(threadLines, key: "threads", topology),
            expect: try expectation(), source: source, text: text)
        scenario.setupLines = setupLines
        scenario.threadLines = threadLines
        scenario.goal = try goal(topology, threadLines: threadLines)
        scenario.lines = ScenarioLines(
            setupItems: setupLines.indices.map { index.line(of: ["setup"], item: $0) },
            setupKey: keyLine(["setup"]), threadsKey: keyLine(["threads"]))
        return scenario
    }

    /// The file's base name without `.toml`, for files that give no title.
    private var defaultTitle: String {
        let base = source.split(separator: "/").last.map(String.init) ?? source
        return base.hasSuffix(".toml") ? String(base.dropLast(5)) : base
    }

    // MARK: Tables

    private func drivers() throws(ScenarioError) -> [Topology.Driver] {
        guard let table = try table(["drivers"], in: root) else { return [] }
        var out: [Topology.Driver] = []
        for name in ordered(table.keys, under: ["drivers"]) {
            let path = ["drivers", name]
            try checkName(name, kind: "driver", line: keyLine(path))
            guard let entry = try self.table(path, in: table, expected: "a table like { managed_dma = true }") else { continue }
            try checkKeys(entry, allowed: ScenarioSchema.driver, path: path)
            guard let managed = try bool(path + ["managed_dma"], in: entry) else {
                throw error("driver \(q(name)) is missing 'managed_dma' (true for vfio-pci, pci-stub, pcieport; false for DMA-API drivers)",
                            value: name, line: keyLine(path))
            }
            var mayFail: Set<FailPoint> = []
            for (i, point) in (try strings(path + ["may_fail"], in: entry) ?? []).enumerated() {
                guard let p = FailPoint(rawValue: point) else {
                    throw error("unknown may_fail point \(q(point)) of driver \(q(name)) (expected one of: \(FailPoint.allCases.map(\.rawValue).joined(separator: ", ")))",
                                value: point, line: itemLine(path + ["may_fail"], i))
                }
                mayFail.insert(p)
            }
            // Absent: the naming rule (vfio*, *-vfio-pci); an explicit value wins (DOMAIN §3.1).
            let vfio = try bool(path + ["vfio"], in: entry)
            out.append(Topology.Driver(name: name, managedDMA: managed, mayFail: mayFail, vfio: vfio))
        }
        return out
    }

    private func groups() throws(ScenarioError) -> [(id: Int, devices: [String])] {
        let table = try self.table(["groups"], in: root)!
        var out: [(id: Int, devices: [String])] = []
        var groupOf: [String: Int] = [:]
        var ids: Set<Int> = []
        for key in ordered(table.keys, under: ["groups"]) {
            let path = ["groups", key]
            guard let id = Self.groupNumber(key) else {
                throw error("group \(q(key)) is not a group number (the N of /sys/kernel/iommu_groups/N)", value: key, line: keyLine(path))
            }
            if !ids.insert(id).inserted {
                throw error("group \(q(key)) is declared twice", value: key, line: keyLine(path))
            }
            let devices = try strings(path, in: table)!
            if devices.isEmpty { throw error("group \(q(key)) has no devices", value: key, line: keyLine(path)) }
            for (i, name) in devices.enumerated() {
                let line = itemLine(path, i)
                try checkName(name, kind: "device", line: line)
                if let other = groupOf[name] {
                    throw other == id
                        ? error("duplicate device \(q(name)) in group \(id)", value: name, line: line)
                        : error("device \(q(name)) is in two groups (\(other) and \(id))", value: name, line: line)
                }
                groupOf[name] = id
            }
            out.append((id, devices))
        }
        if out.isEmpty { throw error("[groups] declares no group", value: "groups", line: keyLine(["groups"])) }
        return out
    }

    /// Applies `[devices]`: per-device facts for devices declared in `[groups]`.
    private func markBridges(_ topology: inout Topology) throws(ScenarioError) {
        guard let table = try table(["devices"], in: root) else { return }
        let names = Dictionary(topology.devices.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for name in ordered(table.keys, under: ["devices"]) {
            let path = ["devices", name]
            let lookup = names[name].map(DeviceLookup.found) ?? topology.deviceIndex(named: name)
            guard case .found(let d) = lookup else {
                throw error("unknown device \(q(name)) in [devices] (declare it in [groups] first)", value: name, line: keyLine(path))
            }
            guard let entry = try self.table(path, in: table, expected: "a table like { bridge = true }") else { continue }
            try checkKeys(entry, allowed: ScenarioSchema.device, path: path)
            topology.devices[d].bridge = try bool(path + ["bridge"], in: entry) ?? false
        }
    }

    /// `[kernel]`: build options. `debug_test_remove` is `false`, `true` (the path as 5.19 to 6.5
    /// built it, which these schemes model) or a kernel version naming the path: "5.19" or "6.6".
    private func kernel() throws(ScenarioError) -> KernelConfig {
        guard let table = try table(["kernel"], in: root) else { return KernelConfig() }
        try checkKeys(table, allowed: ScenarioSchema.kernel, path: ["kernel"])
        let path = ["kernel", "debug_test_remove"]
        guard let v = table["debug_test_remove"] else { return KernelConfig() }
        if let on = v.bool { return KernelConfig(testRemove: on ? .v5_19 : .off) }
        let versions = TestRemove.allCases.filter(\.enabled).map(\.rawValue)
        guard let version = v.string else { throw typeError(path, expected: "true, false or a kernel version (\(versions.joined(separator: ", ")))", got: v) }
        guard let chosen = TestRemove(rawValue: version), chosen.enabled else {
            throw error("unknown test_remove path \(q(version)) in [kernel] (expected true, false or one of: \(versions.joined(separator: ", ")))",
                        value: version, line: keyLine(path))
        }
        return KernelConfig(testRemove: chosen)
    }

    private func expectation() throws(ScenarioError) -> Scenario.Expectation? {
        guard let table = try table(["expect"], in: root) else { return nil }
        try checkKeys(table, allowed: ScenarioSchema.expect, path: ["expect"])
        guard let names = try strings(["expect", "invariants"], in: table) else {
            throw error("[expect] is missing 'invariants' (use [] when no invariant may break)", value: "expect", line: keyLine(["expect"]))
        }
        var invariants: Set<Invariant> = []
        for (n, name) in names.enumerated() {
            guard let i = Invariant(rawValue: name) else {
                throw error("unknown invariant \(q(name)) in [expect] (expected one of: \(Invariant.allCases.map(\.rawValue).joined(separator: ", ")))",
                            value: name, line: itemLine(["expect", "invariants"], n))
            }
            invariants.insert(i)
        }
        let outcomes = try int(["expect", "outcomes"], in: table)
        if let outcomes, outcomes < 1 {
            throw error("'expect.outcomes' must be at least 1, not \(q(outcomes))", value: String(outcomes), line: keyLine(["expect", "outcomes"]))
        }
        return Scenario.Expectation(invariants: invariants, outcomes: outcomes)
    }

    private func operations(_ lines: [String], key: String, _ topology: Topology) throws(ScenarioError) -> [Operation] {
        var out: [Operation] = []
        let names = OperationGrammar.Names(topology)
        for (i, line) in lines.enumerated() {
            switch OperationGrammar.parse(line, in: topology, names: names) {
            case .success(let op): out.append(op)
            case .failure(let e):
                let at = itemLine([key], i)
                let message = e.value == line ? "\(key): \(e.message)" : "\(key): \(e.message) in \(q(line))"
                throw error(message, value: e.value, line: at)
            }
        }
        return out
    }

    private func names(_ path: [String], in table: TOMLTable, kind: String) throws(ScenarioError) -> [String] {
        let names = try strings(path, in: table) ?? []
        for (i, name) in names.enumerated() {
            let line = itemLine(path, i)
            try checkName(name, kind: kind, line: line)
            if names[..<i].contains(name) { throw error("duplicate \(kind) \(q(name))", value: name, line: line) }
        }
        return names
    }

    private func checkCount(_ n: Int, _ path: [String], limit: Int) throws(ScenarioError) {
        if n > limit {
            throw error("too many \(path[0]): \(n) (at most \(limit))", value: String(n), line: keyLine(path))
        }
    }

    /// Names are single words: the operation grammar splits on spaces.
    private func checkName(_ name: String, kind: String, line: Int) throws(ScenarioError) {
        if name.isEmpty || name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw error("\(kind) name \(q(name)) must be one word", value: name, line: line)
        }
    }

    func checkKeys(_ table: TOMLTable, allowed: [String], path: [String]) throws(ScenarioError) {
        for key in ordered(table.keys, under: path) where !allowed.contains(key) {
            let place = path.isEmpty ? "at top level" : "in [\(path.joined(separator: "."))]"
            throw error("unknown key \(q(key)) \(place) (expected one of: \(allowed.joined(separator: ", ")))", value: key, line: keyLine(path + [key]))
        }
    }

    // MARK: Typed values

    func table(_ path: [String], in parent: TOMLTable, expected: String = "a table") throws(ScenarioError) -> TOMLTable? {
        guard let v = parent[path.last!] else { return nil }
        guard let t = v.table else { throw typeError(path, expected: expected, got: v) }
        return t
    }

    func string(_ path: [String], in parent: TOMLTable) throws(ScenarioError) -> String? {
        guard let v = parent[path.last!] else { return nil }
        guard let s = v.string else { throw typeError(path, expected: "a string", got: v) }
        return s
    }

    func bool(_ path: [String], in parent: TOMLTable) throws(ScenarioError) -> Bool? {
        guard let v = parent[path.last!] else { return nil }
        guard let b = v.bool else { throw typeError(path, expected: "true or false", got: v) }
        return b
    }

    func int(_ path: [String], in parent: TOMLTable) throws(ScenarioError) -> Int? {
        guard let v = parent[path.last!] else { return nil }
        guard let i = v.int else { throw typeError(path, expected: "an integer", got: v) }
        return i
    }

    func strings(_ path: [String], in parent: TOMLTable) throws(ScenarioError) -> [String]? {
        guard let v = parent[path.last!] else { return nil }
        guard let array = v.array else { throw typeError(path, expected: "an array of strings", got: v) }
        var out: [String] = []
        for (i, item) in array.enumerated() {
            guard let s = item.string else {
                throw error("\(q(path.joined(separator: "."))) must be an array of strings, but item \(i + 1) is the \(item.type) \(q(Self.show(item)))",
                            value: Self.show(item), line: itemLine(path, i))
            }
            out.append(s)
        }
        return out
    }

    func typeError(_ path: [String], expected: String, got v: TOMLValueConvertible) -> ScenarioError {
        error("\(q(path.joined(separator: "."))) must be \(expected), not the \(v.type) \(q(Self.show(v)))", value: Self.show(v), line: keyLine(path))
    }

    private static func show(_ v: TOMLValueConvertible) -> String {
        v.string ?? v.debugDescription.split(separator: "\n").map { $0.trimmingPrefixWhitespace() }.joined(separator: " ")
    }

    // MARK: Lines

    /// A value from the file as an error quotes it: escaped, on one line, at most ~80 characters.
    func q(_ value: String) -> String { DisplayText.quote(value) }
    private func q(_ value: Int) -> String { DisplayText.quote(String(value)) }

    func error(_ message: String, value: String, line: Int) -> ScenarioError {
        ScenarioError(file: source, line: line, value: value, message: message)
    }

    /// Keys in the order the file writes them (toml++ sorts them), so the first problem reported is the first in the file.
    func ordered(_ keys: [String], under path: [String]) -> [String] {
        keys.map { ($0, keyLine(path + [$0])) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// The line assigning `path` (e.g. `["drivers", "e1000e", "may_fail"]`), under whichever header the file used.
    func keyLine(_ path: [String]) -> Int { index.line(of: path) }

    /// The line of item `i` of the array at `path`.
    func itemLine(_ path: [String], _ i: Int) -> Int { index.line(of: path, item: i) }

    /// A group key as the kernel names its directory: decimal digits only (no sign, no spaces).
    static func groupNumber(_ key: String) -> Int? {
        guard !key.isEmpty, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(key)
    }
}
