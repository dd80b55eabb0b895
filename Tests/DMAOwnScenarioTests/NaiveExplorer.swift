import DMAOwnEngine
import DMAOwnScenario

/// A deliberately simple exhaustive search, independent of DMAOwnExplorer, used to check the
/// built-in scenarios' `[expect]` tables: every reachable world, every choice branch.
struct NaiveExplorer {
    /// Invariants broken in some reachable world.
    var broken: Set<Invariant> = []
    /// Distinct end results, one string per thread ("0", "-EBUSY", "crashed", "blocked").
    var outcomes: Set<[String]> = []
    /// Robin case labels seen on any device in any reachable world.
    var labels: Set<String> = []
    var states = 0

    init(_ run: Run, from initial: World) {
        var visited: Set<World> = []
        var stack = [initial]
        while let w = stack.popLast() {
            guard visited.insert(w).inserted else { continue }
            broken.formUnion(run.broken(in: w).members)
            labels.formUnion(run.scheme.annotations(in: w, run: run).values.map(\.label))
            var successors = 0
            if !run.isFinished(w) {
                for t in 0..<run.operations.count {
                    for branch in 0..<run.choices(of: t, in: w) {
                        var next = w
                        run.step(&next, thread: t, fail: branch == 1)
                        stack.append(next)
                        successors += 1
                    }
                }
            }
            if successors == 0 {
                outcomes.insert((0..<run.operations.count).map { run.result(of: $0, in: w) ?? "blocked" })
            }
        }
        states = visited.count
    }
}
