import DMAOwnEngine

/// A schedule as a Mermaid `sequenceDiagram`: threads and groups are participants, each kernel step
/// a message from its thread to its group, and lock and ownership changes notes, so a racy schedule
/// can be pasted into a design review and read there.
public enum MermaidExporter {
    /// The diagram; a step that breaks an invariant is boxed in red with the violation beside it.
    public static func render(_ scenario: Scenario, _ timeline: Timeline) -> String {
        let run = timeline.run, topo = run.topology
        let threadIDs = run.operations.indices.map { "T\($0 + 1)" }
        let groups = participantGroups(timeline)
        let groupID = { (g: Int) in "G\(topo.groups[g].id)" }

        var out = ["sequenceDiagram"]
        out.append("    title \(text(scenario.title)) (\(run.scheme.id.rawValue))")
        for t in run.operations.indices { out.append("    participant \(threadIDs[t]) as T\(t + 1) \(text(run.line(of: t)))") }
        for g in groups { out.append("    participant \(groupID(g)) as group \(topo.groups[g].id)") }
        let ends = [threadIDs.first, groups.last.map(groupID)].compactMap { $0 }
        let span = ends.joined(separator: ",")
        // Where the race starts: a reader of the diagram alone must know who owns what already.
        for g in groups { out.append("    Note over \(groupID(g)): \(text(startState(g, timeline)))") }

        for (i, e) in timeline.entries.enumerated() {
            let me = threadIDs[e.thread]
            let target = groupID(run.operations[e.thread].group(in: topo))
            let broke = !e.newViolations.isEmpty
            let indent = broke ? "        " : "    "
            if broke { out.append("    rect rgb(255, 205, 205)") }
            out.append("\(indent)\(me)->>\(target): \(i + 1). \(text(e.step.title))\(e.fail ? " (fails)" : "")")
            if let d = e.decision { out.append("\(indent)Note over \(me): decision: \(text(d))") }
            let changes = WorldChange.between(e.before, e.after, groups: topo.groups.count, devices: topo.devices.count)
            let threadSide = changes.filter(\.isDeviceSide).map { $0.describe(run) }
            if !threadSide.isEmpty { out.append("\(indent)Note over \(me): \(text(threadSide.joined(separator: ", ")))") }
            for g in groups {
                let mine = changes.filter { !$0.isDeviceSide && $0.group(in: topo) == g }.map { $0.describe(run) }
                if !mine.isEmpty { out.append("\(indent)Note over \(groupID(g)): \(text(mine.joined(separator: ", ")))") }
            }
            if let cases = ExportWords.robinCases(e, run: run) {
                out.append("\(indent)Note over \(groupID(cases.group)): \(text(cases.text))")
            }
            let kernel = changes.filter { $0.group(in: topo) == nil }.map { $0.describe(run) }
            if !kernel.isEmpty { out.append("\(indent)Note over \(span): \(text(kernel.joined(separator: ", ")))") }
            if case .done(let errno) = run.status(of: e.thread, in: e.after) {
                out.append("\(indent)\(target)-->>\(me): returns \(errno.name)")
            }
            for v in e.newViolations {
                out.append("\(indent)Note over \(span): ✗ \(v.invariant.rawValue): \(text(v.message))")
            }
            if broke { out.append("    end") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// "at start: owner qemu, owner_cnt 1, domain qemu's; 01:00.0 vfio-pci, 01:00.1 unbound".
    static func startState(_ g: Int, _ timeline: Timeline) -> String {
        let run = timeline.run, topo = run.topology, w = timeline.initial
        let gs = w[group: g]
        let devices = topo.groups[g].devices.map { d in
            "\(topo.devices[d].name) \(w[device: d].driver.map { topo.drivers[$0].name } ?? "unbound")"
        }
        return "at start: owner \(run.describeOwnership(gs))\(run.scheme.hasOwnerCount ? ", owner_cnt \(gs.ownerCount)" : ""), domain \(run.describe(gs.domain))"
            + (devices.isEmpty ? "" : "; " + devices.joined(separator: ", "))
    }

    /// The groups the threads act on, and any other group a step changes, in topology order.
    static func participantGroups(_ timeline: Timeline) -> [Int] {
        let topo = timeline.run.topology
        var used = Set(timeline.run.operations.map { $0.group(in: topo) })
        for e in timeline.entries {
            for c in WorldChange.between(e.before, e.after, groups: topo.groups.count, devices: topo.devices.count) {
                if let g = c.group(in: topo) { used.insert(g) }
            }
        }
        if used.isEmpty && !topo.groups.isEmpty { used.insert(0) }
        return used.sorted()
    }

    /// Text safe in a message or note: a line break or `;` ends a statement and `#` starts an entity
    /// code in Mermaid.
    static func text(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "#": out += "#35;"
            case ";": out += "#59;"
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return DisplayText.line(out)
    }
}
