import DMAOwnEngine

/// Phrases every exporter shares, so a thread's fate reads the same in every format.
enum ExportWords {
    /// "0", "-EBUSY", "crashed", "blocked on group 7 mutex held by thread 1", or "not finished".
    static func result(of t: Int, in timeline: Timeline) -> String {
        let run = timeline.run
        switch run.status(of: t, in: timeline.final) {
        case .done(let e): return e.name
        case .crashed: return "crashed"
        case .blocked(_, let b): return "blocked on \(run.describe(b))"
        case .runnable: return "not finished"
        }
    }
}
