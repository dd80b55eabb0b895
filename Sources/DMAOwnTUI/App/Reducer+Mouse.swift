extension App {
    /// A click on a thread steps it; on a timeline row jumps there; on a pane focuses it.
    static func click(_ s: inout AppState, x: Int, y: Int) -> [Effect] {
        guard s.size.width >= minimumSize.width, s.size.height >= minimumSize.height else { return [] }
        // The split view draws other panes where these are: a click there must not step a thread.
        guard s.compare == nil else { return [] }
        let layout = Layout(size: s.size, state: s)
        if layout.threads.contains(x: x, y: y) {
            s.focus = .threads
            guard let hit = ThreadsPane.visible(s, in: layout.threads.inner).first(where: { $0.y == y }) else { return [] }
            s.selectedThread = hit.row.thread
            return step(&s, thread: hit.row.thread, fail: false)
        }
        if layout.timeline.contains(x: x, y: y) {
            s.focus = .timeline
            if let hit = TimelinePane.visible(s, in: layout.timeline.inner).first(where: { $0.y == y }) { s.history.jump(to: hit.k) }
            return []
        }
        if layout.topology.contains(x: x, y: y) {
            s.focus = .topology
            if let d = TopologyPane.device(at: y, s, in: layout.topology.inner) { s.selectedDevice = d }
        }
        return []
    }
}
