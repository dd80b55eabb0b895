extension Run {
    /// Why a sequential run (a scenario's `setup`) could not complete.
    public enum SequentialFailure: Error, Equatable, Sendable {
        /// Operation `index` finished with a non-zero result.
        case failed(index: Int, result: Errno)
        /// Operation `index` blocked: nothing else runs, so it never would finish.
        case blocked(index: Int, reason: String)
        /// The kernel crashed during operation `index`.
        case crashed(index: Int)
    }

    /// Runs `ops` one after another to completion from `world`, taking every success branch,
    /// and returns the world with no threads left in it.
    public static func runSequentially(
        _ ops: [Operation], topology: Topology, scheme: any Scheme, from world: World
    ) -> Result<World, SequentialFailure> {
        var w = world.withoutThreads
        for (i, op) in ops.enumerated() {
            let run = Run(topology: topology, scheme: scheme, operations: [op])
            w.addThread()
            while true {
                switch run.status(of: 0, in: w) {
                case .runnable: run.step(&w, thread: 0)
                case .blocked(_, let b): return .failure(.blocked(index: i, reason: run.describe(b)))
                case .crashed: return .failure(.crashed(index: i))
                case .done(let e):
                    if e != .ok { return .failure(.failed(index: i, result: e)) }
                    w = w.withoutThreads
                }
                if w.threadCount == 0 { break }
            }
        }
        return .success(w)
    }
}
