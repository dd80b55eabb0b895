import DMAOwnEngine

/// A schedule as a Markdown section for a design document: readable on GitHub without running anything.
public enum MarkdownExporter {
    /// Title, scheme, threads, a numbered table of steps (each step's decision, what it changed and
    /// the group's state after it), violations, results.
    public static func render(_ scenario: Scenario, _ timeline: Timeline) -> String {
        let run = timeline.run
        var out: [String] = []
        out.append("# \(MarkdownExporter.cell(scenario.title))")
        out.append("")
        let scheme = run.scheme.info
        out.append("Scheme: `\(scheme.id.rawValue)` (\(scheme.title))")
        out += about(scenario, threads: run.operations.indices.map(run.line(of:)))
        out.append("")
        out += steps(timeline, heading: "##")
        return out.joined(separator: "\n") + "\n"
    }

    /// The scenario's description, its setup and its threads (`threads`: each thread's words),
    /// each paragraph after a blank line, as a document about the scenario starts.
    public static func about(_ scenario: Scenario, threads: [String]) -> [String] {
        var out: [String] = []
        if !scenario.description.isEmpty { out.append(""); out.append(scenario.description) }
        if !scenario.setup.isEmpty {
            out.append("")
            out.append("Setup, run first: " + scenario.setup.map { "`\(scenario.topology.describe($0))`" }.joined(separator: ", ") + ".")
        }
        out.append("")
        out.append("Threads:")
        out.append("")
        for (t, words) in threads.enumerated() { out.append("- T\(t + 1): `\(words)`") }
        return out
    }

    /// The schedule's own sections, under headings of level `heading` ("##", or deeper when the
    /// schedule is part of a larger document such as `dmaown compare`'s): a table of steps with
    /// each step's decision, what it changed and its group's state after it, Robin's cases, the
    /// violations and each thread's result.
    public static func steps(_ timeline: Timeline, heading: String) -> [String] {
        let run = timeline.run, topo = run.topology
        var out: [String] = []
        out.append("\(heading) Steps")
        out.append("")
        let counted = run.scheme.hasOwnerCount
        // The group columns show the acting operation's group after the step; `changed` names what
        // the step changed, including what those columns cannot show (drivers, DMA, device locks,
        // other groups), so each row carries the state a reviewer needs without a table per device.
        out.append("| # | thread | operation | kernel step | decision | changed | group | owner |" + (counted ? " owner_cnt |" : "") + " domain | mutex |")
        out.append("|---:|---|---|---|---|---|---:|---|" + (counted ? "---:|" : "") + "---|---|")
        for (i, e) in timeline.entries.enumerated() {
            let g = run.operations[e.thread].group(in: topo)
            let gs = e.after[group: g]
            let step = "`\(cell(e.step.title))`" + (e.fail ? " (fails)" : "")
            let mark = e.newViolations.isEmpty ? "" : " **✗ " + e.newViolations.map(\.invariant.rawValue).joined(separator: ", ") + "**"
            let changes = WorldChange.between(e.before, e.after, groups: topo.groups.count, devices: topo.devices.count)
            let row = ["\(i + 1)", "T\(e.thread + 1)", "`\(cell(run.line(of: e.thread)))`", step + mark,
                       e.decision.map(cell) ?? "", cell(changes.map { $0.describe(run) }.joined(separator: ", ")),
                       "\(topo.groups[g].id)", cell(run.describeOwnership(gs))]
                + (counted ? ["\(gs.ownerCount)"] : [])
                + [cell(run.describe(gs.domain)), gs.mutexHolder.map { "T\($0 + 1)" } ?? "free"]
            out.append("| " + row.joined(separator: " | ") + " |")
        }

        let cases = timeline.entries.enumerated().compactMap { i, e in ExportWords.robinCases(e, run: run).map { (i + 1, $0.text) } }
        if !cases.isEmpty {
            out.append("")
            out.append("\(heading) Robin's case analysis")
            out.append("")
            for (n, text) in cases { out.append("- after step \(n): \(text)") }
        }

        out.append("")
        out.append("\(heading) Violations")
        out.append("")
        let violations = timeline.violations
        if violations.isEmpty { out.append("None: this schedule breaks no invariant.") }
        for v in violations { out.append("- **\(v.violation.invariant.rawValue)** at step \(v.step): \(v.violation.message)") }

        out.append("")
        out.append("\(heading) Results")
        out.append("")
        for t in run.operations.indices {
            out.append("- T\(t + 1) `\(run.line(of: t))`: \(ExportWords.result(of: t, in: timeline))")
        }
        return out
    }

    /// Text safe inside a table cell: a `|` would end the cell and a line break the table.
    public static func cell(_ s: String) -> String {
        DisplayText.line(s.replacingOccurrences(of: "\n", with: " ")).replacingOccurrences(of: "|", with: "\\|")
    }
}
