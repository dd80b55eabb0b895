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
    /// What just happened, or the `:` / path prompt while one is open (its last row); a long
    /// message wraps onto up to three rows taken from the panes rather than being cut.
    public var message: Rect
    /// At 160 columns and more: the selected timeline row in full (step, decision, changes,
    /// violations, Robin's cases). Empty (zero width) on narrower screens.
    public var details: Rect
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
    public init(size: Size, topologyWidth: Int = .max, messageLines: Int = 1) {
        let w = size.width, h = size.height
        let extra = min(max(0, messageLines - 1), 2)
        header = Rect(x: 0, y: 0, width: w, height: 1)
        let paneHeight = max(0, h - 4 - extra)
        // Wide screens get a details column on the right; the rest is laid out as before in what is left.
        let detailsWidth = w >= Layout.detailsMinimumWidth ? max(40, w / 4) : 0
        let rest = w - detailsWidth
        let left = min(rest / 2, max(0, topologyWidth))
        topology = Rect(x: 0, y: 1, width: left, height: paneHeight)
        let threadsHeight = paneHeight * 11 / 20
        threads = Rect(x: left, y: 1, width: rest - left, height: threadsHeight)
        timeline = Rect(x: left, y: 1 + threadsHeight, width: rest - left, height: paneHeight - threadsHeight)
        details = Rect(x: rest, y: 1, width: detailsWidth, height: detailsWidth > 0 ? paneHeight : 0)
        message = Rect(x: 0, y: h - 3 - extra, width: w, height: 1 + extra)
        invariants = Rect(x: 0, y: h - 2, width: w, height: 1)
        keys = Rect(x: 0, y: h - 1, width: w, height: 1)
    }

    /// From this width on, the layout has a details pane.
    public static let detailsMinimumWidth = 160

    /// The layout a frame of `run` is drawn with at `size`, with a one-row message line.
    public init(size: Size, run: Run) {
        self.init(size: size, topologyWidth: TopologyPane.naturalWidth(run))
    }

    /// The layout a frame of `state` is drawn with at `size`: the message line grows to fit the
    /// message on screen. Clicks are hit-tested against the same.
    public init(size: Size, state: AppState) {
        let lines = StatusBar.messageLines(state, width: size.width).count
        self.init(size: size, topologyWidth: TopologyPane.naturalWidth(state.run), messageLines: lines)
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
