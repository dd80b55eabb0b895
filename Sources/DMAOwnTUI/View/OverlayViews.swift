import DMAOwnEngine
import DMAOwnExplorer

/// Whatever covers the panes: help, the `:` line, the add dialog, path prompts, the explorer, the
/// quit question. Each says how to back out.
enum OverlayViews {
    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, _ overlay: Overlay, layout: Layout) {
        let screen = Size(width: buf.width, height: buf.height)
        switch overlay {
        case .help: HelpOverlay.draw(&buf, v, screen: screen)
        case .command(let c): drawCommand(&buf, v, c, layout: layout)
        case .add(let d): drawAdd(&buf, v, d, screen: screen)
        case .prompt(let p):
            drawPromptMessage(&buf, v, layout: layout)
            buf.fill(layout.message, role: .help)
            let label = switch p.purpose {
            case .save: "save trace to: "
            case .load: "load trace from: "
            case .export: "export timeline to (.md .mmd .dot .json .txt): "
            case .scenario: "write scenario to: "
            }
            let x = buf.put(label, x: 0, y: layout.message.y, role: .title)
            let end = buf.put(p.text, x: x, y: layout.message.y, role: .help)
            buf.put("_   (Enter accepts, Esc backs out)", x: end, y: layout.message.y, role: .dimText)
        case .explorer(let e): drawExplorer(&buf, v, e, screen: screen)
        case .picker(let p): drawPicker(&buf, v, p, screen: screen)
        case .violations(let selected): ViolationsOverlay.draw(&buf, v, selected: selected, screen: screen)
        case .branches(let selected): BranchesOverlay.draw(&buf, v, selected: selected, screen: screen)
        case .confirmQuit:
            let r = centred(width: 50, height: 5, in: screen)
            buf.fill(r, role: .help)
            buf.box(r, title: "Quit?", role: .violation, glyphs: v.glyphs)
            let s = v.state
            let added = s.run.operations.count - s.savedOperationCount
            let steps = "\(s.history.choices.count) step\(s.history.choices.count == 1 ? "" : "s")"
            let ops = added > 0 ? " and \(added) added operation\(added == 1 ? "" : "s")" : ""
            buf.put("Not saved: \(steps)\(ops).", x: r.x + 2, y: r.y + 1, role: .help, in: r.inner)
            buf.put("y quit   w save first   n/Esc stay", x: r.x + 2, y: r.y + 3, role: .title, in: r.inner)
        }
    }

    /// A rectangle of at most `width`×`height`, centred on the screen.
    static func centred(width: Int, height: Int, in screen: Size) -> Rect {
        let w = min(width, screen.width), h = min(height, screen.height - 2)
        return Rect(x: (screen.width - w) / 2, y: (screen.height - h) / 2, width: w, height: h)
    }

    /// While a prompt holds the message line, what went wrong (or what Enter again would do) shows
    /// on the line above it, where it can be read before answering.
    static func drawPromptMessage(_ buf: inout CellBuffer, _ v: ViewContext, layout: Layout) {
        guard let m = v.state.message, m.kind != .info else { return }
        let row = Rect(x: 0, y: layout.message.y - 1, width: buf.width, height: 1)
        buf.fill(row, role: .help)
        StatusBar.drawMessage(&buf, v, m, y: row.y, width: row.width)
    }

    static func drawCommand(_ buf: inout CellBuffer, _ v: ViewContext, _ c: CommandInput, layout: Layout) {
        let y = layout.message.y
        if c.candidates.isEmpty { drawPromptMessage(&buf, v, layout: layout) }
        if !c.candidates.isEmpty {
            buf.fill(Rect(x: 0, y: y - 1, width: buf.width, height: 1), role: .help)
            buf.put(c.candidates.joined(separator: "  "), x: 1, y: y - 1, role: .help, maxWidth: buf.width - 2)
        }
        buf.fill(layout.message, role: .help)
        let x = buf.put(":" + c.text, x: 0, y: y, role: .title)
        buf.put("_   Tab completes, Enter adds, Esc backs out", x: x, y: y, role: .dimText)
    }

    static func drawPicker(_ buf: inout CellBuffer, _ v: ViewContext, _ p: ListPicker, screen: Size) {
        let nameWidth = p.entries.map(\.name.count).max() ?? 0
        let detailLines = 3
        let r = centred(width: 96, height: p.entries.count + 6 + detailLines, in: screen)
        buf.fill(r, role: .help)
        let what = p.purpose == .scenario ? "Built-in scenarios" : "Schemes"
        let verb = switch p.purpose { case .scenario: "opens"; case .scheme: "switches"; case .compare: "compares" }
        buf.box(r, title: "\(what) — Enter \(verb), Esc backs out", role: .borderFocused, glyphs: v.glyphs)
        let area = r.inner
        let note = switch p.purpose {
        case .scenario: "opening one replaces the session (its scheme, threads and timeline)"
        case .scheme: "the same operations and schedule replay under the scheme chosen, as far as they apply"
        case .compare: "shown beside the scheme in use: the same schedule, row by row, differences marked"
        }
        buf.put(note, x: area.x + 1, y: area.y, role: .dimText, in: area)
        let list = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 3 - detailLines))
        let offset = scrollOffset(total: p.entries.count, visible: list.height, focus: p.selected)
        for (i, e) in p.entries.enumerated().dropFirst(offset).prefix(max(0, list.height)) {
            let sel = i == p.selected
            let number = p.entries.count <= 9 ? "\(i + 1) " : ""
            let name = e.name + String(repeating: " ", count: nameWidth - e.name.count)
            let mark = e.name == p.current ? " (\(p.purpose == .scenario ? "open" : "in use"))" : ""
            buf.put((sel ? "\(v.glyphs.cursor) " : "  ") + number + name + "  " + e.title + mark, x: list.x + 1, y: list.y + i - offset,
                    role: sel ? .selection : .help, in: list)
        }
        // The selected row's description, wrapped: what the scheme or scenario is about.
        let detail = Rect(x: area.x + 1, y: area.y + area.height - detailLines, width: area.width - 2, height: detailLines)
        for (i, line) in Drawing.wrap(p.entries[p.selected].detail, width: detail.width).prefix(detailLines).enumerated() {
            buf.put(line, x: detail.x, y: detail.y + i, role: .text, in: detail)
        }
    }

    static func drawAdd(_ buf: inout CellBuffer, _ v: ViewContext, _ d: AddDialog, screen: Size) {
        let r = centred(width: 50, height: min(18, d.options.count + 5), in: screen)
        buf.fill(r, role: .help)
        buf.box(r, title: "Add operation — Enter picks, Esc backs out", role: .borderFocused, glyphs: v.glyphs)
        let area = r.inner
        let x = buf.put("add: ", x: area.x + 1, y: area.y, role: .dimText, in: area)
        buf.put((d.words + ["_"]).joined(separator: " "), x: x, y: area.y, role: .title, in: area)
        buf.put("pick \(d.question ?? "")", x: area.x + 1, y: area.y + 1, role: .dimText, in: area)
        let list = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        let offset = scrollOffset(total: d.options.count, visible: list.height, focus: d.selected)
        for (i, option) in d.options.enumerated().dropFirst(offset).prefix(max(0, list.height)) {
            let y = list.y + i - offset
            let sel = i == d.selected
            buf.put((sel ? "\(v.glyphs.cursor) " : "  ") + option, x: list.x + 1, y: y, role: sel ? .selection : .help, in: list)
        }
    }

    /// One line per outcome row (`ExplorerRow.rows`): every combined outcome when they are
    /// listed, else each cluster's own, labelled by operation as `dmaown compare` labels them.
    /// `counting`: the schedules are being counted in the background (the verdict came first).
    static func outcomeLines(_ result: Exploration, run: Run, counting: Bool = false) -> [String] {
        func count(_ n: ScheduleCount) -> String {
            !result.schedulesCounted ? (counting ? "counting…" : "not counted") : n == .max ? "at least \(n) schedules" : "\(n) schedule\(n == 1 ? "" : "s")"
        }
        return ExplorerRow.rows(result).compactMap { row in
            let n: ScheduleCount
            switch row {
            case .outcome(let i): n = result.outcomes[i].schedules
            case .clusterOutcome(let k, let i): n = result.clusters[k].outcomes[i].schedules
            case .violation: return nil
            }
            return (row.label(in: result, run: run) ?? "") + "  (\(count(n)))"
        }
    }

    /// Where the search started, and the key that switches it.
    static func explorerOrigin(_ s: AppState) -> String {
        let row = s.explorerPrefix.count
        if s.explorerFromStart { return "explored from the start (initial world); f: from the selected row" }
        return "explored from selected row \(row)\(row == 0 ? " (initial world)" : ""); f: from the start"
    }

    static func drawExplorer(_ buf: inout CellBuffer, _ v: ViewContext, _ e: ExplorerView, screen: Size) {
        let width = min(116, screen.width - 4)
        guard let result = e.result else {
            let r = centred(width: width, height: 7, in: screen)
            buf.fill(r, role: .help)
            let area = r.inner
            buf.box(r, title: "Explorer — f from start/row, Esc cancels", role: .borderFocused, glyphs: v.glyphs)
            let p = e.progress
            let row = v.state.explorerPrefix.count
            let from = row == 0 ? "from the initial world" : "from timeline row \(row)"
            buf.put("exploring every interleaving of \(v.run.operations.count) threads \(from)…", x: area.x + 1, y: area.y, role: .help, in: area)
            buf.put("states \(p?.states ?? 0)  transitions \(p?.transitions ?? 0)  depth \(p?.depth ?? 0)", x: area.x + 1, y: area.y + 2, role: .text, in: area)
            let barWidth = max(0, area.width - 10)
            if let f = p?.fraction {
                let filled = Int((min(max(f, 0), 1) * Double(barWidth)).rounded())
                let bar = String(repeating: v.glyphs.fullBlock, count: filled) + String(repeating: v.glyphs.lightBlock, count: barWidth - filled)
                let x = buf.put(bar, x: area.x + 1, y: area.y + 4, role: .title, in: area)
                buf.put(" \(Int(f * 100))%", x: x, y: area.y + 4, role: .text, in: area)
            } else {
                buf.put("(starting…)", x: area.x + 1, y: area.y + 4, role: .dimText, in: area)
            }
            return
        }
        // Outcomes as many as fit beside the violations and the selected violation's full message,
        // scrolled to keep the selected outcome in view. With independent clusters too many to
        // combine, each cluster's own outcomes are listed.
        let rows = ExplorerRow.rows(result)
        let selectedRow = rows.indices.contains(e.selected) ? rows[e.selected] : nil
        let outcomeLines = Self.outcomeLines(result, run: v.run, counting: e.counting)
        let messageLines = result.violations.isEmpty ? 0 : 2
        // The counting pass gets a line of its own: with folded threads its phrase is long.
        let countedLine = result.countingStates > 0 ? 1 : 0
        let fixed = 7 + countedLine + max(1, result.violations.count) + messageLines
        let outcomeRows = min(outcomeLines.count, max(1, screen.height - 4 - fixed - 1))
        let selectedOutcome = e.selected < outcomeLines.count ? e.selected : 0
        let offset = scrollOffset(total: outcomeLines.count, visible: outcomeRows, focus: selectedOutcome)
        let more = outcomeLines.count > outcomeRows
        let r = centred(width: width, height: fixed + outcomeRows + (more ? 1 : 0) + 2, in: screen)
        buf.fill(r, role: .help)
        let area = r.inner
        buf.box(r, title: rows.isEmpty ? "Explorer results — f from start/row, Esc closes" : "Explorer results — j/k pick, Enter loads, f from start/row, Esc closes",
                role: .borderFocused, glyphs: v.glyphs)
        var y = area.y
        let time = result.seconds < 1 ? "\(Int((result.seconds * 1000).rounded())) ms" : "\((result.seconds * 100).rounded() / 100) s"
        let partial = result.stop == .memory ? "PARTIAL (the memory bound stopped the search)" : "PARTIAL (a bound stopped the search)"
        buf.putClipped("\(result.complete ? "complete" : partial): \(result.states) states, \(result.transitions) transitions, \(time)",
                       x: area.x + 1, y: y, role: result.complete ? .help : .violation, maxWidth: area.width - 1)
        y += 1
        if countedLine > 0 {
            buf.putClipped("schedules counted over \(result.countingStatesPhrase)", x: area.x + 1, y: y, role: .help, maxWidth: area.width - 1)
            y += 1
        }
        buf.putClipped(Self.explorerOrigin(v.state), x: area.x + 1, y: y, role: .dimText, maxWidth: area.width - 1)
        y += 2
        let clusters = result.clusters.isEmpty ? "" : result.outcomesListed ? ", from \(result.clusters.count) independent clusters"
            : "; each of \(result.clusters.count) independent clusters' own"
        buf.put("Outcomes (\(result.outcomeCount)\(clusters)): Enter loads a shortest schedule ending there", x: area.x + 1, y: y, role: .title, in: area)
        for (i, line) in outcomeLines.enumerated().dropFirst(offset).prefix(outcomeRows) {
            y += 1
            let sel = i == e.selected
            buf.putClipped("\(sel ? v.glyphs.cursor : " ") " + line, x: area.x + 1, y: y, role: sel ? .selection : .help, maxWidth: area.width - 1)
        }
        if more {
            y += 1
            buf.put("  … \(outcomeLines.count - outcomeRows) more (j/k scroll; dmaown check lists them all)", x: area.x + 1, y: y, role: .dimText, in: area)
        }
        y += 2
        if result.violations.isEmpty {
            buf.put("\(v.glyphs.ok) no invariant broken in any interleaving", x: area.x + 1, y: y, role: .resultOK, in: area)
            return
        }
        buf.put("Violations (\(result.violations.count)): Enter loads the shortest counterexample", x: area.x + 1, y: y, role: .title, in: area)
        for (i, c) in result.violations.enumerated() {
            y += 1
            guard y < area.maxY - messageLines else { break }
            let sel = selectedRow == .violation(i)
            buf.putClipped("\(sel ? v.glyphs.cursor : " ") \(v.glyphs.violation) \(c.invariant.rawValue) (\(c.schedule.count) step\(c.schedule.count == 1 ? "" : "s")): \(c.message)",
                           x: area.x + 1, y: y, role: sel ? .selection : .violation, maxWidth: area.width - 1)
        }
        // The selected violation's message in full (the first when an outcome is selected): the list line may be cut.
        var shown = 0
        if case .violation(let i)? = selectedRow { shown = i }
        let chosen = result.violations[shown]
        for (i, line) in Drawing.wrap(chosen.message, width: area.width - 4).prefix(messageLines).enumerated() {
            buf.put(line, x: area.x + 3, y: area.maxY - messageLines + i, role: .text, in: area)
        }
    }
}
