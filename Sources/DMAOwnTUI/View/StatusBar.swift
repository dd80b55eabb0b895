import DMAOwnEngine

/// The header (scenario, scheme, step k of n, seed, theme), the message line, the invariants each
/// with an ok or broken glyph, and the keys that work in the focused pane.
enum StatusBar {
    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, layout: Layout) {
        let s = v.state
        let sep = " \(v.glyphs.vertical) "
        buf.fill(layout.header, role: .statusBar)
        // Short facts first so a long scenario title is what gets clipped.
        var head = " scheme \(s.scheme.rawValue)\(sep)step \(s.history.position) of \(s.history.choices.count)\(sep)seed \(s.seed)"
        // Which future is on screen, once there is more than one (`b` lists them).
        let branches = s.history.branchNumbers.count
        if branches > 1 { head += "\(sep)branch \(s.history.branch) of \(branches)" }
        if let c = s.compare { head += "\(sep)beside \(c.scheme.rawValue)" }
        if s.explorerRunning { head += "\(sep)exploring…" }
        if s.hasUnsavedSteps { head += "\(sep)unsaved" }
        var x = buf.put(head + sep, x: 0, y: layout.header.y, role: .statusBar, maxWidth: layout.header.width)
        x = buf.putClipped(s.scenario.title, x: x, y: layout.header.y, role: .statusBar, maxWidth: layout.header.width - x)

        // message lines: wrapped, never cut while the layout gave them room
        if let m = message(s) {
            let lines = messageLines(s, width: layout.message.width)
            if lines.count <= 1 || layout.message.height <= 1 {
                drawMessage(&buf, v, m, y: layout.message.y, width: layout.message.width)
            } else {
                for (i, line) in lines.prefix(layout.message.height).enumerated() {
                    let lead = i > 0 ? "  " : m.kind == .info ? "" : "\(m.kind == .error ? v.glyphs.failed : v.glyphs.violation) "
                    let role: Role = m.kind == .info ? .text : m.kind == .error ? .resultErrno : .violation
                    buf.putClipped(lead + line, x: 1, y: layout.message.y + i, role: role, maxWidth: layout.message.width - 1)
                }
            }
        }

        // invariants
        buf.fill(layout.invariants, role: .statusBar)
        x = 1
        for inv in Invariant.allCases {
            let bad = v.broken.contains(InvariantSet(inv))
            x = buf.put(bad ? "\(v.glyphs.violation) \(inv.rawValue) " : "\(v.glyphs.ok) \(inv.rawValue) ", x: x, y: layout.invariants.y,
                        role: bad ? .violation : .statusBar)
            x = buf.put(" ", x: x, y: layout.invariants.y, role: .statusBar)
        }

        // keys for the focused pane
        buf.fill(layout.keys, role: .statusBar)
        // Whole hints only: a hint cut in half ("Tab pan") tells nobody anything; `?` lists the rest.
        var keys = " \(s.focus.title): "
        for hint in KeyTable.hints(for: s.focus) {
            let next = keys.hasSuffix(": ") ? keys + hint : keys + "  " + hint
            if next.count > layout.keys.width { break }
            keys = next
        }
        buf.put(keys, x: 0, y: layout.keys.y, role: .statusBar, maxWidth: layout.keys.width)
    }

    /// The message the status line shows: the last thing said, else what the world breaks.
    static func message(_ s: AppState) -> StatusMessage? {
        if let m = s.message { return m }
        let violations = s.run.violations(in: s.world)
        return violations.isEmpty ? nil : StatusMessage(.violation, violations.map { ViolationText.describe($0, run: s.run, world: s.world) }.joined(separator: "; "))
    }

    /// The message wrapped to `width` (after its glyph), at most three lines; one line while a
    /// prompt holds the message row.
    static func messageLines(_ s: AppState, width: Int) -> [String] {
        guard let m = message(s) else { return [] }
        switch s.overlay {
        case .command, .prompt: return [m.text]
        default: break
        }
        let lines = Drawing.wrap(m.text, width: max(1, width - 4))
        guard lines.count > 3 else { return lines }
        return Array(lines.prefix(2)) + [lines[2] + " …"]
    }

    /// One message on row `y`, marked by kind with a glyph as well as a style, cut with an ellipsis.
    static func drawMessage(_ buf: inout CellBuffer, _ v: ViewContext, _ m: StatusMessage, y: Int, width: Int) {
        switch m.kind {
        case .info: buf.putClipped(m.text, x: 1, y: y, role: .text, maxWidth: width - 1)
        case .error: buf.putClipped("\(v.glyphs.failed) \(m.text)", x: 1, y: y, role: .resultErrno, maxWidth: width - 1)
        case .violation: buf.putClipped("\(v.glyphs.violation) \(m.text)", x: 1, y: y, role: .violation, maxWidth: width - 1)
        }
    }
}
