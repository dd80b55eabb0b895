import DMAOwnEngine

/// The whole (unreduced) state graph of a small run, for drawing (the DOT exporter).
public struct StateGraph: Sendable, Equatable {
    /// One state: `id` is its index in `nodes`; node 0 is the initial state.
    public struct Node: Sendable, Equatable {
        public var id: Int
        /// The state the run starts in.
        public var initial: Bool
        /// No thread can step: every operation finished, the kernel crashed, or a deadlock.
        public var terminal: Bool
        /// The invariants this state breaks.
        public var broken: [Invariant]
        /// Each thread's result once finished ("0", "-EBUSY", "crashed"), nil while running.
        public var results: [String?]
    }

    /// One step: thread `thread` (0-based) took `step`, on the failure branch when `fail`.
    public struct Edge: Sendable, Equatable {
        /// Node ids of the states before and after the step.
        public var from: Int
        public var to: Int
        public var thread: Int
        public var fail: Bool
        /// The kernel step taken, `function: code`.
        public var step: String
    }

    /// Every state, node 0 first, and every step between them.
    public var nodes: [Node]
    public var edges: [Edge]
}

extension Explorer {
    /// The full state graph, or nil when it has more than `maxStates` states.
    public func stateGraph(maxStates: Int) -> StateGraph? {
        var index: [World: Int] = [world: 0]
        var worlds = [world]
        var nodes: [StateGraph.Node] = []
        var edges: [StateGraph.Edge] = []
        var next = 0
        while next < worlds.count {
            let w = worlds[next]
            var terminal = true
            for t in 0..<run.operations.count {
                let n = run.choices(of: t, in: w)
                if n > 0 { terminal = false }
                for f in 0..<n {
                    var s = w
                    let title = run.currentStep(of: t, in: w)?.title ?? ""
                    run.step(&s, thread: t, fail: f == 1)
                    let to: Int
                    if let i = index[s] { to = i } else {
                        if worlds.count >= maxStates { return nil }
                        to = worlds.count
                        index[s] = to
                        worlds.append(s)
                    }
                    edges.append(.init(from: next, to: to, thread: t, fail: f == 1, step: title))
                }
            }
            nodes.append(.init(id: next, initial: next == 0, terminal: terminal, broken: run.broken(in: w).members,
                               results: (0..<run.operations.count).map { run.result(of: $0, in: w) }))
            next += 1
        }
        return StateGraph(nodes: nodes, edges: edges)
    }
}
