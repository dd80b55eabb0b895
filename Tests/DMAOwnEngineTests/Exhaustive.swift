import DMAOwnEngine

/// A small exhaustive explorer for tests: every interleaving and every `may_fail` branch.
///
/// Kept in the tests rather than borrowed from DMAOwnExplorer so engine tests judge the engine alone.
enum Exhaustive {
    /// The final world of every complete schedule (all threads finished, crashed, or stuck).
    static func ends(_ run: Run, from world: World) -> [World] {
        var out: [World] = []
        func visit(_ w: World) {
            var any = false
            for t in 0..<run.operations.count {
                let n = run.choices(of: t, in: w)
                for branch in 0..<n {
                    any = true
                    var next = w
                    run.step(&next, thread: t, fail: branch == 1)
                    visit(next)
                }
            }
            if !any { out.append(w) }
        }
        visit(world)
        return out
    }
}
