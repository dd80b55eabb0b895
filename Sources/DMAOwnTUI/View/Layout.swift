import DMAOwnEngine

/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    /// The area inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: max(0, width - 2), height: max(0, height - 2)) }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}

/// Where everything goes for one terminal size; rendering and mouse hit-testing share it so a
/// click lands on what was drawn there.
public struct Layout: Sendable, Equatable {
    /// Scenario, scheme, step k of n, seed, theme.
    public var header: Rect
    public var topology: Rect
    public var threads: Rect
    public var timeline: Rect
    /// What just happened, or the `:` / path prompt while one is open.
    public var message: Rect
    /// The invariants with their glyphs.
    public var invariants: Rect
    /// The keys that work in the focused pane.
    public var keys: Rect

    /// Lays out a screen at least `App.minimumSize`: topology on the left, threads over the
    /// timeline on the right, three status lines at the bottom.
    ///
    /// The topology takes half the width, or less when `topologyWidth` (what its widest line
    /// needs) is less: the step lines and kernel function names on the right are the ones that
    /// get cut otherwise.
    public init(size: Size, topologyWidth: Int = .max) {
        let w = size.width, h = size.height
        header = Rect(x: 0, y: 0, width: w, height: 1)
        let paneHeight = max(0, h - 4)
        let left = min(w / 2, max(0, topologyWidth))
        topology = Rect(x: 0, y: 1, width: left, height: paneHeight)
        let threadsHeight = paneHeight * 11 / 20
        threads = Rect(x: left, y: 1, width: w - left, height: threadsHeight)
        timeline = Rect(x: left, y: 1 + threadsHeight, width: w - left, height: paneHeight - threadsHeight)
        message = Rect(x: 0, y: h - 3, width: w, height: 1)
        invariants = Rect(x: 0, y: h - 2, width: w, height: 1)
        keys = Rect(x: 0, y: h - 1, width: w, height: 1)
    }

    /// The layout a frame of `run` is drawn with at `size`; clicks are hit-tested against the same.
    public init(size: Size, run: Run) {
        self.init(size: size, topologyWidth: TopologyPane.naturalWidth(run))
    }

    /// The rectangle of a pane.
    public func rect(of pane: Pane) -> Rect {
        switch pane {
        case .topology: topology
        case .threads: threads
        case .timeline: timeline
        }
    }
}

/// A window of `visible` rows over `total`, scrolled so `focus` stays in view (centred when it can be).
func scrollOffset(total: Int, visible: Int, focus: Int) -> Int {
    guard total > visible, visible > 0 else { return 0 }
    return min(max(0, focus - visible / 2), total - visible)
}
