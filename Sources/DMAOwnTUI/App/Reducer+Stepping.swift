import DMAOwnEngine
import DMAOwnExplorer

extension App {
    /// Steps thread `t` from the world on screen; from an earlier timeline row this branches.
    static func step(_ s: inout AppState, thread t: Int, fail: Bool) -> [Effect] {
        guard s.run.operations.indices.contains(t) else {
            s.message = StatusMessage(.error, "no thread \(t + 1) (there are \(s.run.operations.count))")
            return [.bell]
        }
        let before = s.world
        switch s.run.status(of: t, in: before) {
        case .blocked(_, let b):
            s.message = StatusMessage(.error, "thread \(t + 1) is \(s.run.blockedReason(b))")
            return [.bell]
        case .done(let e):
            s.message = StatusMessage(.error, "thread \(t + 1) is done: \(e.name)")
            return [.bell]
        case .crashed:
            s.message = StatusMessage(.error, "the kernel crashed (BUG_ON): no thread runs again")
            return [.bell]
        case .runnable(_, let canFail):
            if fail && !canFail {
                s.message = StatusMessage(.error, "thread \(t + 1)'s next step cannot fail (not a may_fail point)")
                return [.bell]
            }
            s.history.take(Choice(thread: t, fail: fail), run: s.run)
            // The step's own words, from the history's record: what broke, else what it decided.
            s.message = StepWords.rowMessage(s, row: s.history.position)
            return []
        }
    }

    static func undo(_ s: inout AppState) -> [Effect] {
        guard s.history.undo() else { s.message = StatusMessage(.error, "nothing to undo"); return [.bell] }
        s.message = afterMove(s, "undone: step \(s.history.position + 1)")
        return []
    }

    static func redo(_ s: inout AppState) -> [Effect] {
        guard s.history.redo() else { s.message = StatusMessage(.error, "nothing to redo"); return [.bell] }
        s.message = afterMove(s, "redone: step \(s.history.position)")
        return []
    }

    /// What undo or redo says: what it did, then the words of the row now selected (its decision,
    /// or the sentence of each invariant it broke), so the screen still says why.
    static func afterMove(_ s: AppState, _ what: String) -> StatusMessage {
        guard let row = StepWords.rowMessage(s, row: s.history.position) else { return StatusMessage(.info, what + "; back at the start") }
        return StatusMessage(row.kind, "\(what); now at \(row.text)")
    }

    /// Every (thread, branch) the scheduler may take now.
    static func options(_ s: AppState) -> [Choice] {
        let w = s.world
        var out: [Choice] = []
        for t in s.run.operations.indices {
            let n = s.run.choices(of: t, in: w)
            if n >= 1 { out.append(Choice(thread: t)) }
            if n == 2 { out.append(Choice(thread: t, fail: true)) }
        }
        return out
    }

    /// Why nothing can step: everything finished, or every thread blocked.
    static func stuckReason(_ s: AppState) -> String {
        s.run.isFinished(s.world) ? "every thread has finished" : "every unfinished thread is blocked (deadlock)"
    }

    static func randomStep(_ s: inout AppState) -> [Effect] {
        let opts = options(s)
        guard let pick = opts.randomElement(using: &s.random) else {
            s.message = StatusMessage(.error, "nothing can step: \(stuckReason(s))")
            return [.bell]
        }
        s.selectedThread = pick.thread
        return step(&s, thread: pick.thread, fail: pick.fail)
    }

    /// Random steps until nothing can step (bounded, in case a scheme ever loops); the message
    /// names the first invariant broken on the way, since a later step may hide it again.
    static func randomRun(_ s: inout AppState) -> [Effect] {
        var taken = 0
        var firstViolation: (step: Int, message: StatusMessage)?
        while taken < 10_000, let pick = options(s).randomElement(using: &s.random) {
            _ = step(&s, thread: pick.thread, fail: pick.fail)
            taken += 1
            if firstViolation == nil, let taken = s.history.step(at: s.history.position), !taken.newViolations.isEmpty {
                firstViolation = (s.history.position, StatusMessage(.violation, taken.newViolations.map { ViolationText.describe($0, run: s.run, world: taken.world) }.joined(separator: "; ")))
            }
        }
        if taken == 0 { s.message = StatusMessage(.error, "nothing can step: \(stuckReason(s))"); return [.bell] }
        if let v = firstViolation {
            s.message = StatusMessage(.violation, "random run (seed \(s.seed)), step \(v.step): \(v.message.text)")
        } else {
            s.message = StatusMessage(.info, "random run (seed \(s.seed)): \(taken) steps, \(stuckReason(s))")
        }
        return []
    }

    /// Replays `choices` from the history's current world as far as they apply; returns the
    /// index of the first choice that does not (the thread cannot step there), or nil.
    static func replay(_ choices: some Sequence<Choice>, run: Run, into history: inout History) -> Int? {
        history.replay(choices, run: run)
    }
}
