import DMAOwnEngine

/// A sequence chart: one column per thread, one row per step taken (the redo tail dimmed), the
/// step and choice noted, rows that broke an invariant marked. The selected row is the world shown.
enum TimelinePane {
    /// Timeline rows on screen: (screen y, step count k: the world after k steps).
    static func visible(_ s: AppState, in area: Rect) -> [(y: Int, k: Int)] {
        let body = max(0, area.height - 1)
        let total = s.history.choices.count + 1
        let offset = scrollOffset(total: total, visible: body, focus: s.history.position)
        return (offset..<min(total, offset + body)).map { (area.y + 1 + $0 - offset, $0) }
    }

    /// Cells per thread column: narrower when many threads share a narrow pane.
    static func columnWidth(threads: Int, width: Int) -> Int {
        guard threads > 0 else { return 0 }
        for w in [3, 2] where 5 + threads * w <= width / 2 { return w }
        return 1
    }

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, in r: Rect) {
        let focused = v.state.focus == .timeline
        buf.box(r, title: Pane.timeline.title, role: focused ? .borderFocused : .border, glyphs: v.glyphs)
        let area = r.inner
        guard area.height > 0 else { return }
        let h = v.state.history
        let n = v.run.operations.count
        let cw = columnWidth(threads: n, width: area.width)
        // header
        var x = buf.put("   #", x: area.x, y: area.y, role: .dimText, in: area)
        for t in 0..<n { x = buf.put(String((cw >= 2 ? "T" : "") + "\(t + 1)").padded(cw), x: x, y: area.y, role: .title, in: area) }
        buf.put(" step", x: x, y: area.y, role: .dimText, in: area)
        for (y, k) in visible(v.state, in: area) {
            let isCurrent = k == h.position
            let inTail = k > h.position
            let base: Role = inTail ? .dimText : .text
            x = buf.put((isCurrent ? String(v.glyphs.cursor) : " ") + String(k).leftPadded(3), x: area.x, y: y, role: base, in: area)
            if k == 0 {
                buf.put(String(repeating: " ", count: n * cw) + " start", x: x, y: y, role: base, in: area)
            } else {
                let c = h.choices[k - 1]
                let before = h.world(at: k - 1), after = h.world(at: k)
                for t in 0..<n {
                    let mark: String = t == c.thread ? String(c.fail ? v.glyphs.failed : v.glyphs.stepMark) : (cw >= 2 ? String(v.glyphs.vertical) : " ")
                    x = buf.put(mark.padded(cw), x: x, y: y, role: t == c.thread ? (inTail ? .dimText : .threadRunnable) : .dimText, in: area)
                }
                let step = v.run.currentStep(of: c.thread, in: before)
                let taken = h.step(at: k)
                let newly = taken?.newViolations.map(\.invariant.rawValue) ?? []
                let failWord = c.fail ? " fail" : ""
                // What tells rows apart besides the function: the group, the step's code, the
                // result it decided or returned, Robin's case labels while a scan runs.
                let g = v.run.operations[c.thread].group(in: v.run.topology)
                var tail = ""
                // A branching step shows the branch that happened (its decision's verdict) when that
                // fits in half the row; else the result it decided, which always does.
                let verdict = taken?.decision.map(StepWords.verdict)
                if let verdict, verdict.count <= (area.maxX - x) / 2 {
                    tail += " ⇒ " + verdict
                } else if let r = v.run.result(of: c.thread, in: after), v.run.result(of: c.thread, in: before) == nil {
                    tail += " → \(r)"
                } else if let pending = StepWords.pendingResult(after, thread: c.thread), StepWords.pendingResult(before, thread: c.thread) == nil {
                    tail += " " + pending
                }
                let cases = v.run.scheme.annotations(in: after, run: v.run)
                if !cases.isEmpty, cases != v.run.scheme.annotations(in: before, run: v.run) {
                    tail += " [" + cases.keys.sorted().map { "\(v.deviceNames[$0]) \(cases[$0]!.label)" }.joined(separator: ", ") + "]"
                }
                let marker = newly.isEmpty ? "" : " \(v.glyphs.violation) " + newly.joined(separator: ",")
                x = buf.put(" G\(v.run.topology.groups[g].id)", x: x, y: y, role: .dimText, in: area)
                // The code gives way first, then the function: result, cases and marks are what the row is for.
                let room = max(2, area.maxX - x - failWord.count - tail.count - marker.count)
                let text = step.map { " \($0.function): \($0.code)" } ?? " ?"
                x = buf.putClipped(text, x: x, y: y, role: base, maxWidth: room)
                if c.fail { x = buf.put(failWord, x: x, y: y, role: inTail ? .dimText : .threadFailed, in: area) }
                if !tail.isEmpty { x = buf.putClipped(tail, x: x, y: y, role: inTail ? .dimText : .resultErrno, in: area) }
                if !newly.isEmpty { buf.putClipped(marker, x: x, y: y, role: .violation, in: area) }
            }
            if isCurrent && focused { buf.paint(y: y, from: area.x, to: area.x + 4, role: .selection) }
        }
    }
}

extension String {
    /// Right-aligned in `n` characters.
    func leftPadded(_ n: Int) -> String {
        let c = count
        return c >= n ? self : String(repeating: " ", count: n - c) + self
    }
}
