import DMAOwnEngine

/// The branch list (`b`): every future kept, with where it parts from the one on screen, each
/// thread's result at its end and the invariants it broke, worded and marked (not only coloured).
enum BranchesOverlay {
    /// The lines of branch `summary`: a head line, then the results and violations.
    static func rowLines(_ b: BranchSummary, run: Run, glyphs: Glyphs, selected: Bool) -> [String] {
        let mark = selected ? glyphs.cursor : " "
        let here = b.isCurrent ? " (on screen)" : " (parts at row \(b.shared))"
        let head = "\(mark) branch \(b.number)\(here): \(b.steps) step\(b.steps == 1 ? "" : "s")"
        let results = b.results.enumerated().map { "T\($0.offset + 1) \($0.element ?? "unfinished")" }.joined(separator: ", ")
        let broken = b.violations.isEmpty ? "\(glyphs.ok) no invariant broken"
            : "\(glyphs.violation) broke " + b.violations.map(\.rawValue).joined(separator: ", ")
        return [head, "    ends: \(results)", "    \(broken)"]
    }

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, selected: Int, screen: Size) {
        let summaries = v.state.history.branchSummaries(run: v.run)
        let width = min(100, screen.width - 4)
        var lines: [ListBox.Line] = []
        for (i, b) in summaries.enumerated() {
            for (j, text) in rowLines(b, run: v.run, glyphs: v.glyphs, selected: i == selected).enumerated() {
                let role: Role = i == selected ? .selection : j == 2 && !b.violations.isEmpty ? .violation : .help
                lines.append((text, role, i))
            }
        }
        if summaries.count == 1 {
            lines.append(("  (one branch: step from an earlier timeline row to start another)", .dimText, 0))
        }
        ListBox.draw(&buf, lines, selected: selected, title: "Branches — j/k pick, Enter switches, Esc closes",
                     width: width, screen: screen, glyphs: v.glyphs)
    }
}
