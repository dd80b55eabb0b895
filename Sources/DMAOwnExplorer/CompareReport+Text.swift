import DMAOwnEngine

extension CompareReport {
    /// The report as `dmaown compare` prints it: the summary, a table of schemes, the outcome
    /// matrix (a column per scheme, the outcome's words last so long labels do not push counts
    /// off the screen), the notes, and each scheme's shortest counterexample in one line.
    public var human: String {
        var out = ["Compare: \(scenario.title) (\(name))"]
        for (t, key) in keys.enumerated() { out.append("  thread \(t + 1): \(key)") }
        out.append(summary)
        out.append("")
        out.append("Schemes:")
        out += Self.table([["scheme", "verdict", "invariants broken", "outcomes", "states", "time"]] + entries.map(schemeRow),
                          rightAligned: [3, 4, 5])
        out.append("")
        out += matrixLines
        let notes = self.notes
        if !notes.isEmpty {
            out.append("")
            out += notes
        }
        let broken = entries.compactMap { e in Self.shortest(e).map { (e, $0) } }
        if !broken.isEmpty {
            out.append("")
            out.append("Shortest counterexamples (`dmaown compare \(name) --format markdown` shows each step by step):")
            for (entry, c) in broken {
                out.append("  \(entry.scheme.rawValue): \(c.invariant.rawValue) in \(c.schedule.count) step\(c.schedule.count == 1 ? "" : "s"): \(c.message)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A scheme's summary row: name, verdict, invariants, outcomes, states, time.
    func schemeRow(_ entry: Entry) -> [String] {
        guard let check = entry.check else { return [entry.scheme.rawValue, Self.verdict(entry), "-", "-", "-", "-"] }
        return [entry.scheme.rawValue, Self.verdict(entry), Self.invariantsWords(entry), Self.outcomeWords(entry),
                String(check.exploration.states), check.formatSeconds(check.exploration.seconds)]
    }

    /// The outcome matrix as text, with its heading and the legend of the marks used.
    var matrixLines: [String] {
        let rows = rows, columns = columns
        guard !rows.isEmpty else {
            return ["Outcomes: " + noOutcomeWords]
        }
        var out = ["Outcomes (each thread's result; per scheme, the complete interleavings ending that way, or impossible):"]
        let head = [""] + columns.map(heading) + ["outcome"]
        let body = rows.map { r in [r.difference?.rawValue ?? ""] + columns.map { r.cells[$0[0]].words } + [OutcomeWords.label(r.results, keys: keys)] }
        out += Self.table([head] + body, rightAligned: Set(1...columns.count))
        let used = Difference.allCases.filter { d in rows.contains { $0.difference == d } }
        if !used.isEmpty { out.append("") }
        for d in used { out.append("\(d.rawValue) \(d.legend)") }
        return out
    }

    /// Rows of cells as an aligned table under a rule, two spaces between columns.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { DisplayText.columns($0[c]) }.max() ?? 0 }
        var out: [String] = []
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - DisplayText.columns(s))
                return rightAligned.contains(c) ? pad + s : s + pad
            }
            out.append("  " + cells.joined(separator: "  ").trimmingTrailingSpaces)
            if r == 0 { out.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ").trimmingTrailingSpaces) }
        }
        return out
    }
}
