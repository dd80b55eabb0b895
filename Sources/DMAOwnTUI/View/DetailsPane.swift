import DMAOwnEngine
import DMAOwnScenario

/// At 160 columns and more: the selected timeline row in full, wrapped to the pane: its thread and
/// operation, the step's code, its decision, what it changed, the invariants it broke with their
/// sentences, and Robin's case labels. Narrower screens show the same words in the status line.
enum DetailsPane {
    static func lines(_ s: AppState) -> [(text: String, role: Role)] {
        let k = s.history.position
        guard let taken = s.history.step(at: k) else {
            var out: [(String, Role)] = [("the initial world: no step taken yet", .dimText)]
            if !s.scenario.description.isEmpty { out += [("", .text), ("about", .title), (s.scenario.description, .text)] }
            if !s.scenario.tryNote.isEmpty { out += [("", .text), ("try", .title), (s.scenario.tryNote, .text)] }
            return out
        }
        let run = s.run, t = taken.choice.thread
        let before = s.history.world(at: k - 1)
        var out: [(String, Role)] = [("step \(k): thread \(t + 1) \(run.line(of: t))", .title)]
        if let step = run.currentStep(of: t, in: before) {
            out.append(("\(step.function)\(taken.choice.fail ? " (failure branch)" : "")", .text))
            out.append(("code: \(step.code)", .dimText))
            if !step.note.isEmpty { out.append((step.note, .dimText)) }
        }
        out.append(("", .text))
        out.append(("decision", .title))
        out.append((taken.decision ?? "one way through: \(run.result(of: t, in: taken.world).map { "returns \($0)" } ?? "continues")", .text))
        let topo = run.topology
        let changes = WorldChange.between(before, taken.world, groups: topo.groups.count, devices: topo.devices.count)
        if !changes.isEmpty {
            out.append(("", .text))
            out.append(("changes", .title))
            for c in changes { out.append(("- " + c.describe(run), .changed)) }
        }
        if !taken.newViolations.isEmpty {
            out.append(("", .text))
            out.append(("broken here", .violation))
            for v in taken.newViolations { out.append((ViolationText.describe(v, run: run, world: taken.world), .violation)) }
        }
        // A release scan's cases are what it read: they stand in the world before it, and end with it.
        let scanned = run.currentStep(of: t, in: before)?.role == .releaseScan
        let cases = run.scheme.annotations(in: scanned ? before : taken.world, run: run)
        if !cases.isEmpty {
            out.append(("", .text))
            out.append(("Robin's cases", .title))
            for d in cases.keys.sorted() { out.append(("\(topo.devices[d].name): \(cases[d]!.label) (\(cases[d]!.explanation))", .text)) }
        }
        return out
    }

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, in r: Rect) {
        buf.box(r, title: "details of row \(v.state.history.position)", role: .border, glyphs: v.glyphs)
        let area = r.inner
        var y = area.y
        for line in lines(v.state) {
            let wrapped = line.text.isEmpty ? [""] : Drawing.wrap(line.text, width: max(1, area.width - 1))
            for (i, text) in wrapped.enumerated() {
                guard y < area.maxY else { return }
                buf.putClipped((i > 0 ? " " : "") + text, x: area.x, y: y, role: line.role, in: area)
                y += 1
            }
        }
    }
}
