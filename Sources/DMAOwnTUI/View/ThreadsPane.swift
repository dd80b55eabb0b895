import DMAOwnEngine

/// Each thread's operation line and status in words (runnable / blocked on what, held by whom /
/// done with its result), and the selected thread's step list with the current step marked.
enum ThreadsPane {
    /// One row of the pane; clicks map back to threads through these.
    enum Row: Equatable {
        case header(Int)
        case status(Int)
        case stepsTitle(Int)
        case step(thread: Int, index: Int)
        var thread: Int {
            switch self {
            case .header(let t), .status(let t), .stepsTitle(let t), .step(let t, _): t
            }
        }
    }

    /// The rows on screen in `area` and the screen row of each: every thread's header and status
    /// first (scrolled to the selected one), then the selected thread's steps (scrolled to its
    /// current step) under a title row.
    static func visible(_ s: AppState, in area: Rect) -> [(y: Int, row: Row)] {
        let n = s.run.operations.count
        guard n > 0, area.height > 0 else { return [] }
        let steps = s.run.programs.indices.contains(s.selectedThread) ? s.run.programs[s.selectedThread].steps.count : 0
        // Threads get what they need, but leave at least four rows for the step list when it can.
        let threadRows = min(2 * n, max(2, area.height - min(steps + 1, 5)))
        var out: [(Int, Row)] = []
        let threadOffset = scrollOffset(total: 2 * n, visible: threadRows, focus: 2 * s.selectedThread + 1)
        for i in threadOffset..<min(2 * n, threadOffset + threadRows) {
            out.append((area.y + i - threadOffset, i % 2 == 0 ? .header(i / 2) : .status(i / 2)))
        }
        let stepArea = area.height - threadRows - 1
        guard stepArea > 0, steps > 0 else { return out }
        out.append((area.y + threadRows, .stepsTitle(s.selectedThread)))
        let pc = s.world[thread: s.selectedThread].pc
        let stepOffset = scrollOffset(total: steps, visible: stepArea, focus: pc)
        for i in stepOffset..<min(steps, stepOffset + stepArea) {
            out.append((area.y + threadRows + 1 + i - stepOffset, .step(thread: s.selectedThread, index: i)))
        }
        return out
    }

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, in r: Rect) {
        let focused = v.state.focus == .threads
        let area = r.inner
        let rows = visible(v.state, in: area)
        // Threads scrolled out of view are announced in the title, so none is silently hidden.
        let shown = Set(rows.compactMap { if case .header(let t) = $0.row { t } else { nil } })
        let n = v.run.operations.count
        let title = shown.count < n && !shown.isEmpty
            ? "\(Pane.threads.title) \(shown.min()! + 1)-\(shown.max()! + 1) of \(n), j/k for more" : Pane.threads.title
        buf.box(r, title: title, role: focused ? .borderFocused : .border, glyphs: v.glyphs)
        if v.run.operations.isEmpty {
            buf.put("no threads: a or : adds one", x: area.x, y: area.y, role: .dimText, in: area)
            return
        }
        for (y, row) in rows {
            switch row {
            case .header(let t): drawHeader(&buf, v, t, y: y, area: area, selected: t == v.state.selectedThread && focused)
            case .status(let t): drawStatus(&buf, v, t, y: y, area: area)
            case .stepsTitle(let t):
                buf.put("steps of thread \(t + 1):", x: area.x, y: y, role: .dimText, in: area)
            case .step(let t, let i): drawStep(&buf, v, t, i, y: y, area: area)
            }
        }
    }

    static func drawHeader(_ buf: inout CellBuffer, _ v: ViewContext, _ t: Int, y: Int, area: Rect, selected: Bool) {
        let (glyph, role) = statusGlyph(v, t)
        var x = buf.put("\(glyph)", x: area.x, y: y, role: role, in: area)
        x = buf.put("\(t + 1) ", x: x, y: y, role: .title, in: area)
        buf.put(v.run.line(of: t), x: x, y: y, role: .text, in: area)
        if selected { buf.paint(y: y, from: area.x, to: area.maxX, role: .selection) }
    }

    static func statusGlyph(_ v: ViewContext, _ t: Int) -> (Character, Role) {
        switch v.run.status(of: t, in: v.world) {
        case .runnable: (v.glyphs.runnable, .threadRunnable)
        case .blocked: (v.glyphs.blocked, .threadBlocked)
        case .done(let e): e == .ok ? (v.glyphs.done, .threadDone) : (v.glyphs.failed, .threadFailed)
        case .crashed: (v.glyphs.failed, .threadFailed)
        }
    }

    static func drawStatus(_ buf: inout CellBuffer, _ v: ViewContext, _ t: Int, y: Int, area: Rect) {
        let x0 = area.x + 2
        let changed = v.previous.map { v.run.status(of: t, in: $0) != v.run.status(of: t, in: v.world) } ?? false
        switch v.run.status(of: t, in: v.world) {
        case .runnable(_, let canFail):
            var x = buf.put("runnable", x: x0, y: y, role: changed ? .changed : .threadRunnable, in: area)
            if let step = v.run.currentStep(of: t, in: v.world) {
                x = buf.put(" \(v.glyphs.cursor) \(step.function)", x: x, y: y, role: .text, in: area)
            }
            if canFail { buf.put(" (may fail: f)", x: x, y: y, role: .dimText, in: area) }
        case .blocked(_, let b):
            // "blocked on group 7 mutex held by thread 2", or "waiting for qemu to let go of 0000:01:00.0".
            let word = b.waitsForUser ? "waiting" : "blocked"
            var x = buf.put(word, x: x0, y: y, role: changed ? .changed : .threadBlocked, in: area)
            x = buf.put(String(v.run.blockedReason(b).dropFirst(word.count)), x: x, y: y, role: .text, in: area)
            // A thread in a wait cycle never moves again: say so where its wait is shown.
            if let cycle = v.run.waitCycle(in: v.world), cycle.contains(t) {
                let back = cycle.count == 2 ? "which waits for T\(t + 1)" : "in a wait cycle of \(cycle.count) threads"
                buf.put(", \(back): deadlock", x: x, y: y, role: .violation, in: area)
            }
        case .done(let e):
            let x = buf.put("done ", x: x0, y: y, role: changed ? .changed : .threadDone, in: area)
            buf.put(e.name, x: x, y: y, role: e == .ok ? .resultOK : .resultErrno, in: area)
        case .crashed:
            buf.put("crashed (BUG_ON)", x: x0, y: y, role: .threadFailed, in: area)
        }
    }

    static func drawStep(_ buf: inout CellBuffer, _ v: ViewContext, _ t: Int, _ i: Int, y: Int, area: Rect) {
        let ts = v.world[thread: t]
        let current = !ts.done && ts.pc == i
        let step = v.run.programs[t].steps[i]
        var x = buf.put(current ? "  \(v.glyphs.cursor)" : "   ", x: area.x, y: y, role: current ? .selection : .text, in: area)
        x = buf.put(String(i + 1).padded(3), x: x, y: y, role: .dimText, in: area)
        x = buf.putClipped(step.function, x: x, y: y, role: current ? .title : .text, in: area)
        if step.failPoint != nil && v.run.programs[t].canFail[i] { x = buf.put(" ?", x: x, y: y, role: .dimText, in: area) }
        buf.putClipped("  " + step.code, x: x, y: y, role: .dimText, maxWidth: area.maxX - x)
    }
}
