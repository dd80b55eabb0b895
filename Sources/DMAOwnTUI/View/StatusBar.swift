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
        if s.explorerRunning { head += "\(sep)exploring…" }
        if s.hasUnsavedSteps { head += "\(sep)unsaved" }
        var x = buf.put(head + sep, x: 0, y: layout.header.y, role: .statusBar, maxWidth: layout.header.width)
        x = buf.put(s.scenario.title, x: x, y: layout.header.y, role: .statusBar, maxWidth: layout.header.width - x)

        // message line
        if let m = s.message {
            switch m.kind {
            case .info: buf.put(m.text, x: 1, y: layout.message.y, role: .text, maxWidth: layout.message.width - 1)
            case .error: buf.put("\(v.glyphs.failed) \(m.text)", x: 1, y: layout.message.y, role: .resultErrno, maxWidth: layout.message.width - 1)
            case .violation: buf.put("\(v.glyphs.violation) \(m.text)", x: 1, y: layout.message.y, role: .violation, maxWidth: layout.message.width - 1)
            }
        } else if !v.broken.isEmpty {
            let text = v.run.violations(in: v.world).map(\.description).joined(separator: "; ")
            buf.put("\(v.glyphs.violation) \(text)", x: 1, y: layout.message.y, role: .violation, maxWidth: layout.message.width - 1)
        }

        // invariants
        buf.fill(layout.invariants, role: .statusBar)
        x = 1
        for inv in Invariant.allCases {
            let bad = v.broken.contains(InvariantSet(inv))
            x = buf.put(bad ? "\(v.glyphs.violation)\(inv.rawValue) " : "\(v.glyphs.ok)\(inv.rawValue) ", x: x, y: layout.invariants.y,
                        role: bad ? .violation : .statusBar)
            x = buf.put(" ", x: x, y: layout.invariants.y, role: .statusBar)
        }

        // keys for the focused pane
        buf.fill(layout.keys, role: .statusBar)
        let keys = " \(s.focus.title): " + KeyTable.hints(for: s.focus).joined(separator: "  ")
        buf.put(keys, x: 0, y: layout.keys.y, role: .statusBar, maxWidth: layout.keys.width)
    }
}
