import DMAOwnEngine

/// The split view (`c`): the topology under the scheme on screen and under the one compared, side
/// by side at the selected row; below, what differs between them in words (≠, never colour
/// alone), and the schedule row by row with what each row did differently under the other scheme.
enum CompareView {
    /// The session on the other side, at the row selected on screen, as a state every pane can draw:
    /// a pane renders a session, whichever side it is.
    static func otherState(_ s: AppState, _ c: CompareSession) -> AppState {
        var o = s
        o.run = c.run
        var h = c.history
        let k = c.positions[min(s.history.position, c.positions.count - 1)]
        h.jump(to: k)
        o.history = h
        o.compare = nil
        return o
    }

    /// One line per thing that differs at the selected row: group ownership, domain and mutex,
    /// device driver, phase and DMA, thread status. Each names both schemes.
    static func differences(_ s: AppState, _ c: CompareSession) -> [String] {
        let a = s.run, b = c.run
        let wa = s.world, wb = c.world(atRow: s.history.position)
        let na = a.scheme.id.rawValue, nb = b.scheme.id.rawValue
        let topo = a.topology
        var out: [String] = []
        func differ(_ what: String, _ x: String, _ y: String) {
            if x != y { out.append("\(what): \(x) (\(na)) | \(y) (\(nb))") }
        }
        for g in topo.groups.indices {
            let ga = wa[group: g], gb = wb[group: g]
            let name = "group \(topo.groups[g].id)"
            differ("\(name) owner", a.describeOwnership(ga), b.describeOwnership(gb))
            differ("\(name) domain", a.describe(ga.domain), b.describe(gb.domain))
            differ("\(name) mutex", ga.mutexHolder.map { "T\($0 + 1)" } ?? "free", gb.mutexHolder.map { "T\($0 + 1)" } ?? "free")
        }
        for d in topo.devices.indices {
            let da = wa[device: d], db = wb[device: d]
            let name = topo.devices[d].name
            func driver(_ s: World.DeviceState) -> String { s.driver.map { topo.drivers[$0].name } ?? "no driver" }
            differ("\(name) driver", driver(da), driver(db))
            differ("\(name) phase", "\(da.phase)", "\(db.phase)")
            differ("\(name) DMA", da.doingDMA ? "doing DMA" : "no DMA", db.doingDMA ? "doing DMA" : "no DMA")
        }
        for t in a.operations.indices {
            differ("T\(t + 1) \(a.line(of: t))", status(a, t, wa), status(b, t, wb))
        }
        let ia = a.broken(in: wa), ib = b.broken(in: wb)
        let brokenA = Invariant.allCases.filter { ia.contains(InvariantSet($0)) }.map(\.rawValue)
        let brokenB = Invariant.allCases.filter { ib.contains(InvariantSet($0)) }.map(\.rawValue)
        differ("broken", brokenA.isEmpty ? "none" : brokenA.joined(separator: ", "), brokenB.isEmpty ? "none" : brokenB.joined(separator: ", "))
        return out
    }

    /// A thread's status in a word or two: its result once done.
    static func status(_ run: Run, _ t: Int, _ w: World) -> String {
        switch run.status(of: t, in: w) {
        case .runnable: "running"
        case .blocked: "blocked"
        case .done(let e): "done \(e.name)"
        case .crashed: "crashed"
        }
    }

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, _ c: CompareSession, layout: Layout) {
        let s = v.state
        let area = Rect(x: 0, y: 1, width: buf.width, height: max(0, layout.message.y - 1))
        let groupsHeight = TopologyPane.groupHeights(s.run.topology).reduce(0, +) + 2
        let topHeight = min(groupsHeight, max(6, area.height * 2 / 5))
        let half = area.width / 2
        let left = Rect(x: 0, y: area.y, width: half, height: topHeight)
        let right = Rect(x: half, y: area.y, width: area.width - half, height: topHeight)
        let other = otherState(s, c)
        TopologyPane.draw(&buf, v, in: left)
        TopologyPane.draw(&buf, ViewContext(other, glyphs: v.glyphs), in: right)
        buf.put(" \(s.scheme.rawValue) (on screen) ", x: left.x + 2, y: left.y, role: .title, maxWidth: left.width - 4)
        buf.put(" \(c.scheme.rawValue) (compared) ", x: right.x + 2, y: right.y, role: .title, maxWidth: right.width - 4)

        let rest = Rect(x: 0, y: area.y + topHeight, width: area.width, height: area.height - topHeight)
        let diffs = differences(s, c)
        let diffHeight = min(diffs.count, max(1, rest.height / 3)) + 2
        let diffRect = Rect(x: 0, y: rest.y, width: rest.width, height: diffHeight)
        let title = diffs.isEmpty ? "Row \(s.history.position): the same under both" : "Row \(s.history.position): \(diffs.count) difference\(diffs.count == 1 ? "" : "s")"
        buf.box(diffRect, title: title, role: diffs.isEmpty ? .border : .violation, glyphs: v.glyphs)
        let inner = diffRect.inner
        if diffs.isEmpty {
            buf.put("= groups, devices and threads are the same under \(s.scheme.rawValue) and \(c.scheme.rawValue)", x: inner.x + 1, y: inner.y, role: .resultOK, in: inner)
        }
        let shown = diffs.count > inner.height ? inner.height - 1 : inner.height
        for (i, line) in diffs.prefix(max(0, shown)).enumerated() {
            buf.putClipped("≠ " + line, x: inner.x + 1, y: inner.y + i, role: .text, maxWidth: inner.width - 1)
        }
        if diffs.count > inner.height, inner.height > 0 {
            buf.put("  … \(diffs.count - shown) more", x: inner.x + 1, y: inner.maxY - 1, role: .dimText, in: inner)
        }
        drawRows(&buf, v, c, in: Rect(x: 0, y: diffRect.maxY, width: rest.width, height: rest.maxY - diffRect.maxY))
    }

    /// The schedule, a row a step, with ≠ and the words for each row that went differently under the other scheme.
    static func drawRows(_ buf: inout CellBuffer, _ v: ViewContext, _ c: CompareSession, in r: Rect) {
        let s = v.state
        let h = s.history
        let differing = c.notes.filter { $0 != nil }.count
        buf.box(r, title: "Schedule under \(s.scheme.rawValue); ≠ what went otherwise under \(c.scheme.rawValue) (\(differing) row\(differing == 1 ? "" : "s"))",
                role: .borderFocused, glyphs: v.glyphs)
        let area = r.inner
        guard area.height > 0 else { return }
        let total = h.choices.count + 1
        let offset = scrollOffset(total: total, visible: area.height, focus: h.position)
        for k in offset..<min(total, offset + area.height) {
            let y = area.y + k - offset
            let cursor = k == h.position ? String(v.glyphs.cursor) : " "
            let role: Role = k > h.position ? .dimText : .text
            var x = buf.put(cursor + String(k).leftPadded(3) + " ", x: area.x, y: y, role: role, in: area)
            guard k > 0 else { buf.put("start", x: x, y: y, role: role, in: area); continue }
            let choice = h.choices[k - 1]
            let step = s.run.currentStep(of: choice.thread, in: h.world(at: k - 1))
            let verdict = h.step(at: k)?.decision.map { " ⇒ " + StepWords.verdict($0) } ?? ""
            let head = "T\(choice.thread + 1)\(choice.fail ? " fail" : "") \(step?.function ?? "?")\(verdict)"
            let note = c.notes[k - 1]
            let room = note == nil ? area.maxX - x : min(head.count, max(20, (area.maxX - x) * 2 / 5))
            x = buf.putClipped(head, x: x, y: y, role: role, maxWidth: room)
            if let note {
                buf.putClipped("  ≠ " + note, x: x, y: y, role: k > h.position ? .dimText : .violation, maxWidth: area.maxX - x)
            }
            if k == h.position { buf.paint(y: y, from: area.x, to: area.x + 4, role: .selection) }
        }
    }
}
