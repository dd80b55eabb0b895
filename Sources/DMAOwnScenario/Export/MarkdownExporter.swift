import DMAOwnEngine

/// A schedule as a Markdown section for a design document: readable on GitHub without running anything.
public enum MarkdownExporter {
    /// Title, scheme, threads, a numbered table of steps with the group's state after each, violations, results.
    public static func render(_ scenario: Scenario, _ timeline: Timeline) -> String {
        let run = timeline.run
        var out: [String] = []
        out.append("# \(MarkdownExporter.cell(scenario.title))")
        out.append("")
        let scheme = run.scheme.info
        out.append("Scheme: `\(scheme.id.rawValue)` (\(scheme.title))")
        if !scenario.description.isEmpty { out.append(""); out.append(scenario.description) }
        if !scenario.setup.isEmpty {
            out.append("")
            out.append("Setup, run first: " + scenario.setup.map { "`\(scenario.topology.describe($0))`" }.joined(separator: ", ") + ".")
        }
        out.append("")
        out.append("Threads:")
        out.append("")
        for t in run.operations.indices { out.append("- T\(t + 1): `\(run.line(of: t))`") }

        out.append("")
        out.append("## Steps")
        out.append("")
        let counted = run.scheme.hasOwnerCount
        out.append("| # | thread | operation | kernel step | decision | group | owner |" + (counted ? " owner_cnt |" : "") + " domain | mutex |")
        out.append("|---:|---|---|---|---|---:|---|" + (counted ? "---:|" : "") + "---|---|")
        for (i, e) in timeline.entries.enumerated() {
            let g = run.operations[e.thread].group(in: run.topology)
            let gs = e.after[group: g]
            let step = "`\(cell(e.step.title))`" + (e.fail ? " (fails)" : "")
            let mark = e.newViolations.isEmpty ? "" : " **✗ " + e.newViolations.map(\.invariant.rawValue).joined(separator: ", ") + "**"
            let row = ["\(i + 1)", "T\(e.thread + 1)", "`\(cell(run.line(of: e.thread)))`", step + mark,
                       e.decision.map(cell) ?? "", "\(run.topology.groups[g].id)", cell(run.describeOwnership(gs))]
                + (counted ? ["\(gs.ownerCount)"] : [])
                + [cell(run.describe(gs.domain)), gs.mutexHolder.map { "T\($0 + 1)" } ?? "free"]
            out.append("| " + row.joined(separator: " | ") + " |")
        }

        let cases = timeline.entries.enumerated().compactMap { i, e in ExportWords.robinCases(e, run: run).map { (i + 1, $0.text) } }
        if !cases.isEmpty {
            out.append("")
            out.append("## Robin's case analysis")
            out.append("")
            for (n, text) in cases { out.append("- after step \(n): \(text)") }
        }

        out.append("")
        out.append("## Violations")
        out.append("")
        let violations = timeline.violations
        if violations.isEmpty { out.append("None: this schedule breaks no invariant.") }
        for v in violations { out.append("- **\(v.violation.invariant.rawValue)** at step \(v.step): \(v.violation.message)") }

        out.append("")
        out.append("## Results")
        out.append("")
        for t in run.operations.indices {
            out.append("- T\(t + 1) `\(run.line(of: t))`: \(ExportWords.result(of: t, in: timeline))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Text safe inside a table cell: a `|` would end the cell and a line break the table.
    static func cell(_ s: String) -> String {
        DisplayText.line(s.replacingOccurrences(of: "\n", with: " ")).replacingOccurrences(of: "|", with: "\\|")
    }
}
