import DMAOwnEngine
import DMAOwnScenario

extension App {
    /// Moves to the next scheme in `Schemes.all`.
    static func cycleScheme(_ s: inout AppState) -> [Effect] {
        let ids = Schemes.all.map(\.id)
        let next = ids[((ids.firstIndex(of: s.scheme) ?? 0) + 1) % ids.count]
        return switchScheme(&s, to: next)
    }

    /// Re-runs setup under `id`, re-adds live-added operations and replays the schedule as far as
    /// it applies, saying where it diverges; a setup that fails there leaves the current scheme.
    static func switchScheme(_ s: inout AppState, to id: SchemeID) -> [Effect] {
        guard case .success(let prepared) = s.scenario.prepare(scheme: id) else {
            if case .failure(let e) = s.scenario.prepare(scheme: id) {
                s.message = StatusMessage(.error, "cannot switch to \(id.rawValue): \(e.description)")
            }
            return [.bell]
        }
        var run = prepared.run
        var history = History(initial: prepared.world)
        for op in s.run.operations.dropFirst(s.scenario.threads.count) { _ = history.add(op, to: &run) }
        let wanted = Array(s.history.applied)
        let divergence = replay(wanted, run: run, into: &history)
        s.run = run
        s.history = history
        if let i = divergence {
            let c = wanted[i]
            s.message = StatusMessage(.info, "scheme \(id.rawValue): schedule diverges at step \(i + 1): thread \(c.thread + 1) cannot \(c.fail ? "fail" : "step") there (\(describeStatus(s, c.thread))); kept \(i) of \(wanted.count) steps")
        } else {
            s.message = StatusMessage(.info, "scheme \(id.rawValue): replayed all \(wanted.count) steps")
        }
        return []
    }

    /// A thread's status in words, for messages.
    static func describeStatus(_ s: AppState, _ t: Int) -> String {
        switch s.run.status(of: t, in: s.world) {
        case .runnable(_, let canFail): canFail ? "runnable, may fail" : "runnable, cannot fail"
        case .blocked(_, let b): "blocked on \(s.run.describe(b))"
        case .done(let e): "done, \(e.name)"
        case .crashed: "crashed"
        }
    }

    /// Adds a thread for `line` (CONTRACT §1) live; the history keeps working with it.
    static func addOperation(_ s: inout AppState, line: String) -> [Effect] {
        switch OperationGrammar.parse(line, in: s.run.topology) {
        case .failure(let e):
            s.message = StatusMessage(.error, e.message)
            return [.bell]
        case .success(let op):
            guard s.run.operations.count < 250 else {
                s.message = StatusMessage(.error, "too many threads"); return [.bell]
            }
            let t = s.history.add(op, to: &s.run)
            s.selectedThread = t
            s.message = StatusMessage(.info, "added thread \(t + 1): \(s.run.line(of: t))")
            return []
        }
    }
}
