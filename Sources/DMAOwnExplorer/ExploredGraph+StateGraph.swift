import DMAOwnEngine
import DMAOwnScenario

extension ExploredGraph {
    /// The explorer's state graph with each node's world rebuilt by replaying its edges from
    /// `initial`, so the DOT export can label states with ownership and match the schedule's path.
    public init(_ graph: StateGraph, run: Run, initial: World) {
        var worlds = [World?](repeating: nil, count: graph.nodes.count)
        if !worlds.isEmpty { worlds[0] = initial }
        // Node ids are in breadth-first order, so every edge's source is rebuilt before its target.
        for e in graph.edges where worlds[e.to] == nil {
            guard var w = worlds[e.from] else { continue }
            run.step(&w, thread: e.thread, fail: e.fail)
            worlds[e.to] = w
        }
        self.init(states: worlds.map { $0 ?? initial },
                  edges: graph.edges.map { .init(from: $0.from, to: $0.to, thread: $0.thread, fail: $0.fail) },
                  initial: 0)
    }
}
