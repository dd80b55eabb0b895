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
        /// Where the error path (the steps only an error jumps to) starts.
        case errorTitle(Int)
        /// One line of the decision a taken step made, under that step.
        case decision(thread: Int, text: String, deciding: Bool)
        var thread: Int {
            switch self {
            case .header(let t), .status(let t), .stepsTitle(let t), .step(let t, _), .errorTitle(let t), .decision(let t, _, _): t
            }
        }
    }

    /// Labels of the steps an error jumps to (`really_probe`'s cleanup and unwind): from the
    /// first of them on, a program's steps are its error path.
    static let errorLabels: Set<JumpLabel> = [.cleanup, .unwind]

    /// The selected thread's step section: its steps, the "on error:" title before the error
    /// path, and the decisions of the step that decided the thread's error and of its last step,
    /// each under its step; with the row index of the current step.
    static func stepRows(_ s: AppState, thread t: Int, width: Int) -> (rows: [Row], focus: Int) {
        let steps = s.run.programs[t].steps
        let errorStart = steps.firstIndex { $0.label.map(errorLabels.contains) ?? false }
        let deciding = StepWords.decidingStep(s, thread: t)
        let last = StepWords.lastStep(s, thread: t)
        let pc = s.world[thread: t].pc
        var rows: [Row] = [], focus = 0, decidingFocus: Int?
        for i in steps.indices {
            if i == errorStart { rows.append(.errorTitle(t)) }
            if i == pc { focus = rows.count }
            rows.append(.step(thread: t, index: i))
            var text: String?
            var isDeciding = false
            if let deciding, deciding.index == i, let d = deciding.decision { text = d; isDeciding = true }
            else if let last, last.index == i, let d = last.decision { text = d }
            if let text {
                let stepRow = rows.count - 1
                for line in Drawing.wrap(text, width: max(10, width - 7)).prefix(5) { rows.append(.decision(thread: t, text: line, deciding: isDeciding)) }
                // While the thread unwinds, the step that decided its error is what to keep in view.
                if isDeciding && StepWords.pendingResult(s.world, thread: t) != nil { decidingFocus = (stepRow + rows.count) / 2 }
            }
        }
        if let decidingFocus { focus = decidingFocus }
        if s.world[thread: t].done { focus = rows.count - 1 }
        return (rows, focus)
    }

    /// The rows on screen in `area` and the screen row of each: every thread's header and status
    /// first (scrolled to the selected one), then the selected thread's steps (scrolled to its
    /// current step) under a title row.
    static func visible(_ s: AppState, in area: Rect) -> [(y: Int, row: Row)] {
        let n = s.run.operations.count
        guard n > 0, area.height > 0 else { return [] }
        let steps = s.run.programs.indices.contains(s.selectedThread) ? s.run.programs[s.selectedThread].steps.count : 0
        // Threads get what they need, but leave at least four rows for the step list when it can;
        // on a short pane (a wrapped message took rows) two, so a race's two threads both show.
        let threadRows = min(2 * n, max(2, area.height - min(steps + 1, area.height >= 10 ? 5 : 3)))
        var out: [(Int, Row)] = []
        let threadOffset = scrollOffset(total: 2 * n, visible: threadRows, focus: 2 * s.selectedThread + 1)
        for i in threadOffset..<min(2 * n, threadOffset + threadRows) {
            out.append((area.y + i - threadOffset, i % 2 == 0 ? .header(i / 2) : .status(i / 2)))
        }
        let stepArea = area.height - threadRows - 1
        guard stepArea > 0, steps > 0 else { return out }
        out.append((area.y + threadRows, .stepsTitle(s.selectedThread)))
        let (rows, focus) = stepRows(s, thread: s.selectedThread, width: area.width)
        let stepOffset = scrollOffset(total: rows.count, visible: stepArea, focus: focus)
        for i in stepOffset..<min(rows.count, stepOffset + stepArea) {
            out.append((area.y + threadRows + 1 + i - stepOffset, rows[i]))
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
            case .errorTitle:
                buf.put("  on error:", x: area.x, y: y, role: .dimText, in: area)
            case .decision(_, let text, let deciding):
                let x = buf.put(deciding ? "     \(v.glyphs.failed) " : "     ⇒ ", x: area.x, y: y, role: deciding ? .resultErrno : .dimText, in: area)
                buf.putClipped(text, x: x, y: y, role: deciding ? .resultErrno : .text, in: area)
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
            // The result is shown the moment a check decides it, not when the unwinding ends.
            if let pending = StepWords.pendingResult(v.world, thread: t) { x = buf.put(" " + pending, x: x, y: y, role: .resultErrno, in: area) }
            if let step = v.run.currentStep(of: t, in: v.world) {
                x = buf.put(" \(v.glyphs.cursor) \(step.function)", x: x, y: y, role: .text, in: area)
            }
            if canFail { buf.put(" (may fail: f)", x: x, y: y, role: .dimText, in: area) }
        case .blocked(_, let b):
            // "blocked on group 7 mutex held by thread 2", or "waiting for qemu to let go of 0000:01:00.0".
            let word = b.waitsForUser ? "waiting" : "blocked"
            var x = buf.put(word, x: x0, y: y, role: changed ? .changed : .threadBlocked, in: area)
            if let pending = StepWords.pendingResult(v.world, thread: t) { x = buf.put(" " + pending, x: x, y: y, role: .resultErrno, in: area) }
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
