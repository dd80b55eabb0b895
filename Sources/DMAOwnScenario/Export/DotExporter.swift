import DMAOwnEngine

/// The explored state graph as Graphviz DOT with one schedule's path in bold red: the picture of
/// how many ways a race can go and which one breaks.
public enum DotExporter {
    /// Graphs above this many states are unreadable as a picture; the export refuses them.
    public static let maxStates = 200

    /// The DOT text; throws when the graph is larger than `maxStates`.
    public static func render(_ scenario: Scenario, _ timeline: Timeline, graph: ExploredGraph) throws(ExportError) -> String {
        guard graph.states.count <= maxStates else { throw .tooLarge(states: graph.states.count, limit: maxStates) }
        let run = timeline.run
        var index: [World: Int] = [:]
        for (i, w) in graph.states.enumerated() where index[w] == nil { index[w] = i }
        var pathStates: Set<Int> = [graph.initial]
        var pathEdges: Set<ExploredGraph.Edge> = []
        for e in timeline.entries {
            guard let a = index[e.before], let b = index[e.after] else { continue }
            pathStates.formUnion([a, b])
            pathEdges.insert(.init(from: a, to: b, thread: e.thread, fail: e.fail))
        }

        var out = ["digraph dmaown {"]
        out.append("    label=\(quote("\(scenario.title) (\(run.scheme.id.rawValue)): \(graph.states.count) states"))")
        out.append("    labelloc=t")
        out.append("    node [shape=box, fontname=\"monospace\", fontsize=10]")
        out.append("    edge [fontname=\"monospace\", fontsize=9]")
        for (i, w) in graph.states.enumerated() {
            let broken = run.broken(in: w).members.map(\.rawValue)
            var attrs = ["label=\(quote(label(w, run: run, broken: broken)))"]
            if i == graph.initial { attrs.append("shape=Mrecord") }
            if run.isFinished(w) { attrs.append("peripheries=2") }
            if !broken.isEmpty { attrs.append("style=filled"); attrs.append("fillcolor=\"#ffcccc\"") }
            if pathStates.contains(i) { attrs.append("color=red"); attrs.append("penwidth=2") }
            out.append("    s\(i) [\(attrs.joined(separator: ", "))]")
        }
        for e in graph.edges {
            var attrs = ["label=\(quote("T\(e.thread + 1)\(e.fail ? " fails" : "")"))"]
            if pathEdges.contains(e) { attrs.append("color=red"); attrs.append("penwidth=2.5") }
            out.append("    s\(e.from) -> s\(e.to) [\(attrs.joined(separator: ", "))]")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// The schedule's own path as a graph: what DOT draws when no search was run (the TUI's timeline).
    public static func pathGraph(_ timeline: Timeline) -> ExploredGraph {
        var states = [timeline.initial]
        var edges: [ExploredGraph.Edge] = []
        for e in timeline.entries {
            states.append(e.after)
            edges.append(.init(from: states.count - 2, to: states.count - 1, thread: e.thread, fail: e.fail))
        }
        return ExploredGraph(states: states, edges: edges, initial: 0)
    }

    /// Each group's owner, count, domain and mutex; each thread's progress; what the state breaks.
    static func label(_ w: World, run: Run, broken: [String]) -> String {
        let topo = run.topology
        var lines = topo.groups.indices.map { g in
            let gs = w[group: g]
            return "G\(topo.groups[g].id) owner=\(run.describeOwnership(gs))\(run.scheme.hasOwnerCount ? " cnt=\(gs.ownerCount)" : "") "
                + "dom=\(run.describe(gs.domain)) mutex=\(gs.mutexHolder.map { "T\($0 + 1)" } ?? "free")"
        }
        let threads = run.operations.indices.map { t in
            switch run.status(of: t, in: w) {
            case .done(let e): "T\(t + 1)=\(e.name)"
            case .crashed: "T\(t + 1)=crashed"
            case .runnable(let pc, _), .blocked(let pc, _): "T\(t + 1)@\(pc + 1)"
            }
        }
        if !threads.isEmpty { lines.append(threads.joined(separator: " ")) }
        if !broken.isEmpty { lines.append("✗ " + broken.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    /// A DOT string literal; `\n` stays a DOT line break.
    static func quote(_ s: String) -> String {
        "\"" + DisplayText.lines(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
