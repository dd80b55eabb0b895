import DMAOwnEngine
import DMAOwnScenario

extension CompareReport {
    /// The report as a Markdown document for a design review: the scenario, the schemes' table,
    /// the outcome matrix, the notes, then each scheme's shortest counterexample step by step,
    /// written by the trace exporter (`MarkdownExporter.steps`), so it reads like an exported trace.
    public var markdown: String {
        let cell = MarkdownExporter.cell
        var out = ["# Compare: \(cell(scenario.title))", ""]
        out.append("Scenario `\(cell(name))`, explored under \(entries.count) scheme\(entries.count == 1 ? "" : "s") as `dmaown check --scheme S` explores it.")
        out += MarkdownExporter.about(scenario, threads: keys)
        out.append("")
        out.append("**\(summary)**")

        out.append("")
        out.append("## Schemes")
        out.append("")
        out.append("| scheme | verdict | invariants broken | outcomes | states | time |")
        out.append("|---|---|---|---:|---:|---:|")
        for entry in entries { out.append("| " + schemeRow(entry).enumerated().map { $0.offset == 0 ? "`\($0.element)`" : cell($0.element) }.joined(separator: " | ") + " |") }

        out.append("")
        out.append("## Outcomes")
        out.append("")
        let rows = rows, columns = columns
        if rows.isEmpty {
            out.append("Outcomes: " + noOutcomeWords)
        } else {
            out.append("Each row is one end result (each thread's operation and what it returned); each scheme's column gives the number of complete interleavings that end that way, or *impossible* when its complete search never does.")
            out.append("")
            out.append("| | outcome | " + columns.map { "`\(heading($0))`" }.joined(separator: " | ") + " |")
            out.append("|---|---|" + String(repeating: "---:|", count: columns.count))
            for r in rows {
                let cells = columns.map { c -> String in
                    let w = r.cells[c[0]].words
                    return r.cells[c[0]] == .impossible ? "*\(w)*" : cell(w)
                }
                out.append("| \(r.difference?.rawValue ?? "") | \(cell(OutcomeWords.label(r.results, keys: keys))) | " + cells.joined(separator: " | ") + " |")
            }
            let used = Difference.allCases.filter { d in rows.contains { $0.difference == d } }
            if !used.isEmpty { out.append("") }
            for d in used { out.append("- `\(d.rawValue)` \(d.legend)") }
        }
        let notes = self.notes
        if !notes.isEmpty {
            out.append("")
            out.append("## Notes")
            out.append("")
            for n in notes { out.append("- \(cell(n))") }
        }

        let broken = entries.compactMap { e in Self.shortest(e).map { (e, $0) } }
        out.append("")
        out.append("## Shortest counterexamples")
        out.append("")
        if broken.isEmpty { out.append("None: no scheme's search found a schedule that breaks an invariant.") }
        for (entry, c) in broken {
            guard let check = entry.check,
                  let timeline = try? Timeline(run: check.run, initial: check.world, schedule: c.schedule.map { (thread: $0.thread, fail: $0.fail) })
            else { continue }
            out.append("### `\(entry.scheme.rawValue)`: \(c.invariant.rawValue) in \(c.schedule.count) step\(c.schedule.count == 1 ? "" : "s")")
            out.append("")
            out.append("Scheme: `\(entry.scheme.rawValue)` (\(check.run.scheme.info.title)). \(cell(c.message))")
            let others = check.exploration.violations.filter { $0.invariant != c.invariant }
            if !others.isEmpty {
                out.append("")
                out.append("Also broken under `\(entry.scheme.rawValue)`: " + others.map { o in
                    "\(o.invariant.rawValue) (\(o.schedule.count) steps: `dmaown export \(name) --scheme \(entry.scheme.rawValue) --invariant \(o.invariant.rawValue) --format markdown`)"
                }.joined(separator: ", ") + ".")
            }
            out.append("")
            out += MarkdownExporter.steps(timeline, heading: "####")
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
