import DMAOwnEngine

/// Each group as a box: owner, owner_cnt, domain and mutex; inside, its devices with driver,
/// phase, DMA and device_lock, and Robin's case label while a release scan runs.
enum TopologyPane {
    /// Columns of a device row's phase ("removing" and a space) and lock holder ("◆T1" and a space).
    static let phaseWidth = 9, lockWidth = 4
    /// Robin's longest case label, "2.a.ii".
    static let caseLabelWidth = 6

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, in r: Rect) {
        let focused = v.state.focus == .topology
        buf.box(r, title: Pane.topology.title, role: focused ? .borderFocused : .border, glyphs: v.glyphs)
        var area = r.inner
        guard area.height > 0 else { return }
        let topo = v.run.topology
        let selected = v.state.selectedDevice
        // The selected device's Robin label gets its explanation on the pane's last row.
        if focused, let a = v.annotations[selected], area.height > 8 {
            let lines = Drawing.wrap("\(a.label): \(a.explanation)", width: area.width).prefix(3)
            for (i, line) in lines.enumerated() {
                buf.put(line, x: area.x, y: area.maxY - lines.count + i, role: .text, in: area)
            }
            buf.paint(y: area.maxY - lines.count, from: area.x, to: area.x + a.label.count, role: .robinCase)
            area.height -= lines.count
        }
        let heights = groupHeights(topo)
        var row = -offset(v.state, visible: area.height)
        for g in topo.groups.indices {
            let h = heights[g]
            if row + h > 0 && row < area.height {
                drawGroup(&buf, v, g, at: area.y + row, clip: area, focused: focused)
            }
            row += h
            if row >= area.height { break }
        }
    }

    /// The width the pane needs to draw every line of this run's groups uncut, borders included.
    ///
    /// It depends on the topology only (names, drivers, owners), never on the current world, so the
    /// split between the panes stays put while the user steps; a Robin case column is always
    /// reserved, so switching scheme does not move it either.
    static func naturalWidth(_ run: Run) -> Int {
        let topo = run.topology
        let names = ViewContext.shortDeviceNames(topo)
        let driverWidth = min(10, topo.drivers.map(\.name.count).max() ?? 4)
        let tag = 1 + "T\(max(1, run.operations.count))".count
        // DMA glyph, name, driver, phase, lock holder, Robin's case label: as `drawDevice` lays them out.
        let device = 2 + (names.map(\.count).max() ?? 0) + 1 + driverWidth + 1 + phaseWidth + max(lockWidth, tag) + caseLabelWidth
        let owners = topo.owners + topo.drivers.map(\.name) + [run.describe(OwnerToken.dmaAPI), run.describe(OwnerToken.none)]
        let owner = "owner ".count + (owners.map(\.count).max() ?? 0) + "  owner_cnt ".count + 3
        let domain = "domain ".count + max("blocking".count, (topo.owners.map(\.count).max() ?? 0) + 2) + "  mutex ".count + max(lockWidth, tag)
        return max(device, owner, domain) + 4
    }

    /// Rows each group takes: top border, owner line, domain line, its devices, bottom border.
    static func groupHeights(_ topo: Topology) -> [Int] { topo.groups.map { 4 + $0.devices.count } }

    /// The first content row shown, scrolled so the selected device stays in view, and with it its
    /// whole group box when that fits: a device row without its group's owner and domain lines
    /// above it would hide what the row is read against.
    static func offset(_ s: AppState, visible: Int) -> Int {
        let topo = s.run.topology
        let heights = groupHeights(topo)
        let selected = s.selectedDevice
        guard topo.devices.indices.contains(selected) else { return 0 }
        let g = topo.devices[selected].group
        let groupTop = heights[..<g].reduce(0, +)
        let focusRow = groupTop + 3 + (topo.groups[g].devices.firstIndex(of: selected) ?? 0)
        var offset = scrollOffset(total: heights.reduce(0, +), visible: visible, focus: focusRow)
        if heights[g] <= visible {
            offset = min(offset, groupTop)
            offset = max(offset, groupTop + heights[g] - visible)
        }
        return offset
    }

    /// The device drawn on screen row `y` of the pane's inner `area`, for clicks.
    static func device(at y: Int, _ s: AppState, in area: Rect) -> Int? {
        let topo = s.run.topology
        var row = y - area.y + offset(s, visible: area.height)
        for (g, h) in groupHeights(topo).enumerated() {
            if row < h {
                let i = row - 3
                return topo.groups[g].devices.indices.contains(i) ? topo.groups[g].devices[i] : nil
            }
            row -= h
        }
        return nil
    }

    static func drawGroup(_ buf: inout CellBuffer, _ v: ViewContext, _ g: Int, at top: Int, clip: Rect, focused: Bool) {
        let topo = v.run.topology
        let gs = v.world[group: g]
        let old = v.previous.map { $0[group: g] }
        let violated = v.groupViolations[g] ?? []
        let boxRect = Rect(x: clip.x, y: top, width: clip.width, height: 4 + topo.groups[g].devices.count)
        var title = "group \(topo.groups[g].id)"
        if !violated.isEmpty { title += " \(v.glyphs.violation) " + violated.map(\.rawValue).joined(separator: ", ") }
        drawClippedBox(&buf, boxRect, clip: clip, title: title, role: violated.isEmpty ? .border : .violation, glyphs: v.glyphs)
        let inner = Rect(x: boxRect.x + 1, y: max(clip.y, boxRect.y + 1), width: boxRect.width - 2,
                         height: min(clip.maxY, boxRect.maxY - 1) - max(clip.y, boxRect.y + 1))
        guard inner.width > 0 else { return }
        // owner line
        var y = top + 1
        var x = buf.put("owner ", x: inner.x, y: y, role: .dimText, in: inner)
        let (ownerWord, ownerRole) = describeOwner(gs, v.run)
        let ownerChanged = old.map { $0.owner != gs.owner || ($0.ownerCount > 0) != (gs.ownerCount > 0) } ?? false
        x = buf.put(ownerWord, x: x, y: y, role: ownerChanged ? .changed : ownerRole, in: inner)
        // A design without a count (Robin's) gets no owner_cnt drawn: a 0 there would be a claim.
        if v.run.scheme.hasOwnerCount {
            x = buf.put("  owner_cnt ", x: x, y: y, role: .dimText, in: inner)
            buf.put("\(gs.ownerCount)", x: x, y: y, role: old.map { $0.ownerCount != gs.ownerCount } ?? false ? .changed : .text, in: inner)
        }
        // domain and mutex line
        y += 1
        x = buf.put("domain ", x: inner.x, y: y, role: .dimText, in: inner)
        let domainRole: Role = switch gs.domain {
        case .default: .domainDefault
        case .blocking: .domainBlocking
        case .user: .domainUser
        case .none: .domainNone
        }
        x = buf.put(v.run.describe(gs.domain), x: x, y: y, role: old.map { $0.domain != gs.domain } ?? false ? .changed : domainRole, in: inner)
        x = buf.put("  mutex ", x: x, y: y, role: .dimText, in: inner)
        let mutexRole: Role = old.map { $0.mutexHolder != gs.mutexHolder } ?? false ? .changed : (gs.mutexHolder == nil ? .dimText : .lockHeld)
        buf.put(gs.mutexHolder.map { "\(v.glyphs.lock)\(v.threadTag($0))" } ?? "free", x: x, y: y, role: mutexRole, in: inner)
        // devices
        let driverWidth = min(10, topo.drivers.map(\.name.count).max() ?? 4)
        let nameWidth = topo.groups[g].devices.map { v.deviceNames[$0].count }.max() ?? 0
        for d in topo.groups[g].devices {
            y += 1
            guard y >= inner.y, y < inner.maxY else { continue }
            drawDevice(&buf, v, d, y: y, inner: inner, nameWidth: nameWidth, driverWidth: driverWidth,
                       selected: focused && d == v.state.selectedDevice)
        }
    }

    static func drawDevice(_ buf: inout CellBuffer, _ v: ViewContext, _ d: Int, y: Int, inner: Rect,
                           nameWidth: Int, driverWidth: Int, selected: Bool) {
        let ds = v.world[device: d]
        let old = v.previous.map { $0[device: d] }
        let topo = v.run.topology
        func role(_ changed: Bool, _ normal: Role) -> Role { changed ? .changed : normal }
        var x = inner.x
        x = buf.put(ds.doingDMA ? String(v.glyphs.dma) : " ", x: x, y: y, role: role(old.map { $0.doingDMA != ds.doingDMA } ?? false, .dmaActive), in: inner)
        x = buf.put(" " + v.deviceNames[d].padded(nameWidth) + " ", x: x, y: y, role: .text, in: inner)
        let driver = ds.driver.map { topo.drivers[$0].name } ?? "-"
        x = buf.put(driver.padded(driverWidth), x: x, y: y, role: role(old.map { $0.driver != ds.driver } ?? false, ds.driver == nil ? .dimText : .text), in: inner)
        let phase: String = switch ds.phase {
        case .idle: "idle"
        case .probing: "probing"
        case .bound: "bound"
        case .removing: "removing"
        }
        x = buf.put(" " , x: x, y: y, role: .text, in: inner)
        x = buf.put(phase.padded(phaseWidth), x: x, y: y, role: role(old.map { $0.phase != ds.phase } ?? false, ds.phase == .idle ? .dimText : .text), in: inner)
        // Only the holder is styled: padding in the lock style would draw an underline under nothing.
        let lock = ds.lockHolder.map { "\(v.glyphs.lock)\(v.threadTag($0))" } ?? ""
        let end = buf.put(lock, x: x, y: y, role: role(old.map { $0.lockHolder != ds.lockHolder } ?? false, .lockHeld), in: inner)
        x = buf.put(String(repeating: " ", count: max(0, lockWidth - lock.count)), x: end, y: y, role: .text, in: inner)
        if let a = v.annotations[d] {
            buf.put(a.label, x: x, y: y, role: .robinCase, in: inner)
        }
        if selected { buf.paint(y: y, from: inner.x, to: inner.maxX, role: .selection) }
    }

    /// The owner in the words every export uses (`Run.describeOwnership`) and its role.
    static func describeOwner(_ gs: World.GroupState, _ run: Run) -> (String, Role) {
        let role: Role = switch gs.owner {
        case .user, .driver: .ownerUser
        case .dmaAPI: .ownerKernel
        case .none: gs.ownerCount > 0 ? .ownerKernel : .ownerNone
        }
        return (run.describeOwnership(gs), role)
    }

    /// A box whose top or bottom may be scrolled out of `clip`.
    static func drawClippedBox(_ buf: inout CellBuffer, _ r: Rect, clip: Rect, title: String, role: Role, glyphs: Glyphs) {
        let h = String(glyphs.horizontal), vbar = String(glyphs.vertical), c = glyphs.corners
        if r.y >= clip.y && r.y < clip.maxY {
            buf.put(String(c[0]) + String(repeating: h, count: max(0, r.width - 2)) + String(c[1]), x: r.x, y: r.y, role: role)
            buf.put(" \(title) ", x: r.x + 1, y: r.y, role: role, maxWidth: r.width - 2)
        }
        let last = r.maxY - 1
        if last >= clip.y && last < clip.maxY {
            buf.put(String(c[2]) + String(repeating: h, count: max(0, r.width - 2)) + String(c[3]), x: r.x, y: last, role: role)
        }
        for y in max(clip.y, r.y + 1)..<max(max(clip.y, r.y + 1), min(clip.maxY, last)) {
            buf.put(vbar, x: r.x, y: y, role: role)
            buf.put(vbar, x: r.maxX - 1, y: y, role: role)
        }
    }
}
