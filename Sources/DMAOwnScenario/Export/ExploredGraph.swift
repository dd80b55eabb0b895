import DMAOwnEngine

/// The states and moves a search visited, as the DOT export draws them; the explorer's state graph
/// converts to this so the exporter needs nothing from the explorer.
public struct ExploredGraph: Sendable {
    /// One move: thread `thread` (0-based) stepped from state `from` to state `to`.
    public struct Edge: Hashable, Sendable {
        public var from: Int
        public var to: Int
        public var thread: Int
        public var fail: Bool
        public init(from: Int, to: Int, thread: Int, fail: Bool) {
            self.from = from; self.to = to; self.thread = thread; self.fail = fail
        }
    }

    /// Every state once; a state's index is its node name (`s3`) in the DOT text.
    public var states: [World]
    /// Every move between them, a state with a `may_fail` step having one per branch.
    public var edges: [Edge]
    /// Index of the initial state in `states`.
    public var initial: Int

    public init(states: [World], edges: [Edge], initial: Int) {
        self.states = states; self.edges = edges; self.initial = initial
    }
}
