import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// The exported graph agrees with the explorer: same states, and paths to terminals count the interleavings.
@Suite struct StateGraphTests {
    @Test func graphMatchesTheUnreducedSearch() throws {
        let (run, w0) = Fixture.start(.merged, setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"])
        let explorer = Explorer(run: run, world: w0, options: .init(partialOrderReduction: false))
        let e = explorer.explore()
        let g = try #require(explorer.stateGraph(maxStates: 10_000))
        #expect(g.nodes.count == e.states)
        #expect(g.edges.count == e.transitions)
        #expect(g.nodes.filter(\.initial).map(\.id) == [0])
        // Paths from the initial node to terminals, counted over the exported edges.
        var paths = [UInt64](repeating: 0, count: g.nodes.count)
        paths[0] = 1
        var indegree = [Int](repeating: 0, count: g.nodes.count)
        for edge in g.edges { indegree[edge.to] += 1 }
        var ready = [0]
        while let n = ready.popLast() {
            for edge in g.edges where edge.from == n {
                paths[edge.to] += paths[n]
                indegree[edge.to] -= 1
                if indegree[edge.to] == 0 { ready.append(edge.to) }
            }
        }
        let total = g.nodes.filter(\.terminal).reduce(UInt64(0)) { $0 + paths[$1.id] }
        #expect(total == e.outcomes.reduce(0) { $0 + $1.schedules })
        #expect(explorer.stateGraph(maxStates: 3) == nil)
    }
}
