import DMAOwnEngine
import DMAOwnScenario

extension App {
    /// Re-runs setup under `id`, re-adds live-added operations and replays the schedule as far as
    /// it applies, saying where it diverges; a setup that fails there leaves the current scheme.
    ///
    /// A run of switches replays the schedule as it was before the first of them, with its redo
    /// tail and its selected row, so trying a scheme where it diverges and switching back loses
    /// nothing. Any other change to the schedule starts a new run.
    static func switchScheme(_ s: inout AppState, to id: SchemeID) -> [Effect] {
        let prepared: (run: Run, world: World)
        switch s.scenario.prepare(scheme: id) {
        case .success(let p): prepared = p
        case .failure(let e):
            s.message = StatusMessage(.error, "cannot switch to \(id.rawValue): \(e.description)")
            return [.bell]
        }
        var run = prepared.run
        var history = History(initial: prepared.world)
        for op in s.run.operations.dropFirst(s.scenario.threads.count) { _ = history.add(op, to: &run) }
        var source = s.schemeSwitch.flatMap { $0.replayed == s.history.choices ? $0 : nil }
            ?? SchemeSwitch(original: s.history.choices, position: s.history.position, replayed: [],
                            branches: s.history.keptChoices, branch: s.history.branch)
        // A row selected since the last switch is the row to show after this one.
        if s.history.position != min(source.position, s.history.choices.count) { source.position = s.history.position }
        let divergence = replay(source.original, run: run, into: &history)
        history.restore(source.branches, current: source.branch, run: run)
        history.jump(to: min(source.position, history.choices.count))
        s.run = run
        s.history = history
        s.schemeSwitch = SchemeSwitch(original: source.original, position: source.position, replayed: history.choices,
                                      branches: source.branches, branch: source.branch)
        let wanted = source.original
        if let i = divergence {
            let c = wanted[i]
            s.message = StatusMessage(.info, "scheme \(id.rawValue): diverges at step \(i + 1): thread \(c.thread + 1) cannot \(c.fail ? "fail" : "step") there (\(describeStatus(s, c.thread, at: i))); kept \(i) of \(wanted.count) steps, all come back on switching back")
        } else {
            s.message = StatusMessage(.info, "scheme \(id.rawValue): replayed all \(wanted.count) steps")
        }
        return []
    }

    /// A thread's status in words after `k` steps, for messages.
    static func describeStatus(_ s: AppState, _ t: Int, at k: Int) -> String {
        switch s.run.status(of: t, in: s.history.world(at: k)) {
        case .runnable(_, let canFail): canFail ? "runnable, may fail" : "runnable, cannot fail"
        case .blocked(_, let b): s.run.blockedReason(b)
        case .done(let e): "done, \(e.name)"
        case .crashed: "crashed"
        }
    }

    /// For a name the scenario lacks, the `:` command that adds it (the scenario can grow in place).
    static func growthHint(_ e: OperationGrammar.ParseError, line: String) -> String {
        let v = e.value
        if e.message.hasPrefix("unknown owner") { return "; add it with :owner \(v)" }
        if e.message.hasPrefix("unknown driver") { return "; add it with :driver \(v) [managed] [vfio] [may_fail=pinctrl,probe]" }
        if e.message.hasPrefix("unknown device") { return "; add it with :device GROUP \(v)" }
        if e.message.hasPrefix("unknown group") { return "; add a device to it with :device \(v) NAME" }
        return ""
    }

    /// Adds a thread for `line` (the operation grammar, README: Scenario files) live; the history keeps working with it.
    static func addOperation(_ s: inout AppState, line: String) -> [Effect] {
        switch OperationGrammar.parse(line, in: s.run.topology) {
        case .failure(let e):
            s.message = StatusMessage(.error, e.message + growthHint(e, line: line))
            return [.bell]
        case .success(let op):
            guard s.run.operations.count < ScenarioSchema.maxThreads else {
                s.message = StatusMessage(.error, "too many threads (at most \(ScenarioSchema.maxThreads))"); return [.bell]
            }
            let t = s.history.add(op, to: &s.run)
            s.selectedThread = t
            s.message = StatusMessage(.info, "added thread \(t + 1): \(s.run.line(of: t))")
            return []
        }
    }
}
