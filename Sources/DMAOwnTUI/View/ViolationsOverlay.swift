import DMAOwnEngine

/// The violations list (`v`): every invariant broken so far along the applied schedule, each with
/// the timeline row that broke it and its whole sentence, read from the history's record.
enum ViolationsOverlay {
    /// (timeline row, violation) for every violation newly broken by a step up to the selected row.
    static func entries(_ s: AppState) -> [(row: Int, violation: Violation)] {
        let h = s.history
        guard h.position > 0 else { return [] }
        return (1...h.position).flatMap { k in (h.step(at: k)?.newViolations ?? []).map { (k, $0) } }
    }

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, selected: Int, screen: Size) {
        let list = entries(v.state)
        let width = min(100, screen.width - 4)
        var lines: [(text: String, role: Role, entry: Int?)] = []
        if list.isEmpty { lines.append(("\(v.glyphs.ok) no invariant broken up to row \(v.state.history.position)", .resultOK, nil)) }
        for (i, e) in list.enumerated() {
            // The words the status line uses for it, with the step that broke it.
            let words = ViolationText.describe(e.violation, run: v.run, world: v.state.history.world(at: e.row))
            let head = "\(i == selected ? v.glyphs.cursor : " ") \(v.glyphs.violation) step \(e.row): "
            for (j, line) in Drawing.wrap(head + words, width: width - 4).enumerated() {
                lines.append(((j > 0 ? "      " : "") + line, i == selected ? .selection : .violation, i))
            }
        }
        ListBox.draw(&buf, lines, selected: selected, title: "Violations so far — j/k pick, Enter jumps, Esc closes",
                     width: width, screen: screen, glyphs: v.glyphs)
    }
}
