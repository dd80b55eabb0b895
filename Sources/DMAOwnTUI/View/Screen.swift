import DMAOwnEngine

/// Draws a whole frame: panes, status lines, then whatever overlay is open.
enum Screen {
    /// `minimum` is smaller for the panes under a lesson's goal pane (`GoalPane`).
    static func render(_ s: AppState, size: Size, glyphs: Glyphs, minimum: Size = App.minimumSize) -> CellBuffer {
        var buf = CellBuffer(width: size.width, height: size.height)
        if size.width < minimum.width || size.height < minimum.height {
            drawTooSmall(&buf, size: size, glyphs: glyphs)
            return buf
        }
        if let course = GoalPane.render(s, size: size, glyphs: glyphs) { return course }
        let layout = Layout(size: size, state: s)
        let view = ViewContext(s, glyphs: glyphs)
        if let c = s.compare {
            CompareView.draw(&buf, view, c, layout: layout)
        } else {
            TopologyPane.draw(&buf, view, in: layout.topology)
            ThreadsPane.draw(&buf, view, in: layout.threads)
            TimelinePane.draw(&buf, view, in: layout.timeline)
            if layout.details.width > 0 { DetailsPane.draw(&buf, view, in: layout.details) }
        }
        StatusBar.draw(&buf, view, layout: layout)
        if let overlay = s.overlay { OverlayViews.draw(&buf, view, overlay, layout: layout) }
        if glyphs == .ascii { buf.mapCharacters(glyphs.drawable) }
        return buf
    }

    /// The "need W×H" screen, centred and clipped so it survives any size, even 0×0.
    static func drawTooSmall(_ buf: inout CellBuffer, size: Size, glyphs: Glyphs) {
        let times = glyphs == .ascii ? "x" : "×"
        let need = App.minimumSize
        let lines = ["terminal too small:", "need \(need.width)\(times)\(need.height)", "(have \(size.width)\(times)\(size.height))"]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            buf.put(line, x: max(0, (size.width - line.count) / 2), y: top + i, role: i == 0 ? .violation : .text)
        }
    }
}

/// What every pane needs, computed once per frame: the world now and one step ago, Robin's labels,
/// which groups break an invariant.
struct ViewContext {
    let state: AppState
    let run: Run
    let world: World
    let previous: World?
    let glyphs: Glyphs
    let annotations: [Int: DeviceAnnotation]
    let broken: InvariantSet
    /// Group index → the invariants it breaks, for its box.
    let groupViolations: [Int: [Invariant]]
    /// Device names without a prefix every device shares (`0000:`), to fit narrow panes.
    let deviceNames: [String]

    init(_ s: AppState, glyphs: Glyphs) {
        state = s; run = s.run; world = s.world; previous = s.previousWorld; self.glyphs = glyphs
        annotations = s.run.scheme.annotations(in: s.world, run: s.run)
        broken = s.run.broken(in: s.world)
        var gv: [Int: [Invariant]] = [:]
        let topo = s.run.topology
        if !broken.isEmpty {
            for g in topo.groups.indices {
                let gs = s.world[group: g]
                let userOwned: Bool = switch gs.owner { case .user, .driver: true; default: false }
                if (userOwned || gs.domain != .default), topo.groups[g].devices.contains(where: { s.world[device: $0].doingDMA }) {
                    gv[g, default: []].append(.isolation)
                }
                if case .user(_, let ug)? = s.run.isolationBreach(in: s.world), ug == g, gv[g]?.contains(.isolation) != true {
                    gv[g, default: []].append(.isolation)
                }
                if broken.contains(InvariantSet(.staleOwner)), s.run.scheme.staleOwnership(ofGroup: g, in: s.world, run: s.run) != nil {
                    gv[g, default: []].append(.staleOwner)
                }
            }
            // A deadlock shows on every group whose mutex or device lock a stuck thread waits for.
            if broken.contains(InvariantSet(.deadlock)) {
                for t in s.run.operations.indices {
                    guard case .blocked(_, let b) = s.run.status(of: t, in: s.world) else { continue }
                    let g = switch b.lock {
                    case .group(let g): g
                    case .device(let d), .user(_, let d): topo.devices[d].group
                    }
                    if gv[g]?.contains(.deadlock) != true { gv[g, default: []].append(.deadlock) }
                }
            }
        }
        groupViolations = gv
        deviceNames = Self.shortDeviceNames(topo)
    }

    /// "T2" for thread index 1.
    func threadTag(_ t: Int) -> String { "T\(t + 1)" }

    /// Device names without a prefix every device shares (`0000:`).
    static func shortDeviceNames(_ topo: Topology) -> [String] {
        let names = topo.devices.map(\.name)
        return !names.isEmpty && names.allSatisfy { $0.hasPrefix("0000:") } ? names.map { String($0.dropFirst(5)) } : names
    }
}
