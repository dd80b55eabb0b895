import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// The split view's second session: the schedule on screen replayed under another scheme, row by
/// row, with what each row did differently there. It sits beside `AppState`'s own session (not in
/// place of it), and is rebuilt whenever the schedule, the operations or the scenario change, so
/// stepping, undo, a branch switch or a grown scenario all apply to both sides.
///
/// Schemes take different numbers of steps for one operation (Robin's release scan, the 5.19
/// count before `probe()`), so the replay keeps the *operations* in step rather than the step
/// counts: a row takes the same thread's next step there; when a thread finishes on screen it is
/// run on to its end there too, and a failure branch is taken at that thread's next failure point.
/// A step the other scheme cannot take (blocked, finished, crashed) is skipped and said so.
public struct CompareSession: Sendable {
    /// The scheme on the other side.
    public let scheme: SchemeID
    /// The operations under it, and every step it took.
    public let run: Run
    public let history: History
    /// For each row of the schedule on screen (0 is the start), the steps taken there by then.
    public let positions: [Int]
    /// For each row (index k - 1 for row k), what happened differently there, if anything.
    public let notes: [String?]
    /// What the replay was built from, so it is rebuilt only when that changes.
    let basis: Basis

    struct Basis: Equatable {
        var choices: [Choice]
        var operations: [Operation]
        var topology: Topology
        var mainScheme: SchemeID
    }

    /// The other side's world at row `k` of the schedule on screen.
    public func world(atRow k: Int) -> World { history.world(at: positions[min(max(0, k), positions.count - 1)]) }

    /// Steps one thread may take on its own to reach its end or its failure point: well above any
    /// scheme's longest operation, so a loop in a scheme cannot hang the view.
    static let catchUpLimit = 64

    /// `scheme`'s side for the session on screen, or why it cannot be set up there.
    public static func make(_ s: AppState, scheme: SchemeID) -> Result<CompareSession, SetupError> {
        let prepared: (run: Run, world: World)
        switch s.scenario.prepare(scheme: scheme) {
        case .success(let p): prepared = p
        case .failure(let e): return .failure(e)
        }
        var run = prepared.run
        var history = History(initial: prepared.world)
        for op in s.run.operations.dropFirst(s.scenario.threads.count) { _ = history.add(op, to: &run) }
        var positions = [0]
        var notes: [String?] = []
        let main = s.history
        for k in 1..<(main.choices.count + 1) {
            let c = main.choices[k - 1]
            notes.append(Self.follow(c, row: k, main: main, mainRun: s.run, run: run, history: &history))
            positions.append(history.position)
        }
        let basis = Basis(choices: main.choices, operations: s.run.operations, topology: s.run.topology, mainScheme: s.scheme)
        return .success(CompareSession(scheme: scheme, run: run, history: history, positions: positions, notes: notes, basis: basis))
    }

    /// Takes row `k`'s step (choice `c`) on the other side; returns what differed, in words.
    static func follow(_ c: Choice, row k: Int, main: History, mainRun: Run, run: Run, history: inout History) -> String? {
        let t = c.thread
        let tag = "T\(t + 1)"
        let name = run.scheme.id.rawValue
        var notes: [String] = []
        let before = history.position
        // The result the operation returns on screen at this row, if it ends here.
        let endsHere = mainRun.result(of: t, in: main.world(at: k - 1)) == nil ? mainRun.result(of: t, in: main.world(at: k)) : nil
        var skipped = true
        switch run.status(of: t, in: history.current) {
        case .blocked(_, let b):
            let why = run.blockedReason(b)
            notes.append(endsHere.map { "\(tag) returns \($0) here; under \(name) it blocks: \(why)" } ?? "\(tag) blocks under \(name): \(why)")
        case .done(let e):
            if let here = endsHere, here != e.name { notes.append("\(tag) returns \(here) here, \(e.name) under \(name) (finished earlier)") }
            if endsHere == nil { notes.append("\(tag) already finished under \(name) (\(e.name))") }
        case .crashed: notes.append("the kernel crashed under \(name): nothing runs")
        case .runnable(_, let canFail):
            skipped = false
            if c.fail && !canFail {
                // Walk the thread to its next failure point, as the failure on screen is taken at its own.
                var n = 0
                while n < catchUpLimit, case .runnable(_, false) = run.status(of: t, in: history.current) {
                    history.take(Choice(thread: t), run: run); n += 1
                }
                if case .runnable(_, true) = run.status(of: t, in: history.current) {
                    notes.append("\(tag) reaches its failure point \(n) step\(n == 1 ? "" : "s") later under \(name)")
                    history.take(c, run: run)
                } else {
                    notes.append("\(tag) cannot fail under \(name) (no failure point ahead" + (n > 0 ? "; took \(n) steps" : "") + ")")
                }
            } else {
                history.take(c, run: run)
            }
        }
        // When the operation ends on screen, it is run to its end there too.
        if !skipped, let here = endsHere {
            var n = 0
            while n < catchUpLimit, case .runnable = run.status(of: t, in: history.current) {
                history.take(Choice(thread: t), run: run); n += 1
            }
            switch run.status(of: t, in: history.current) {
            case .done(let e) where e.name != here: notes.append("\(tag) returns \(here) here, \(e.name) under \(name)")
            case .done: break
            case .blocked(_, let b): notes.append("\(tag) returns \(here) here; under \(name) it blocks: \(run.blockedReason(b))")
            case .crashed: notes.append("\(tag) returns \(here) here; the kernel crashed under \(name)")
            case .runnable: notes.append("\(tag) returns \(here) here; under \(name) it is still running")
            }
        } else if !skipped, let there = run.result(of: t, in: history.current), run.result(of: t, in: history.world(at: before)) == nil {
            notes.append("\(tag) finishes under \(name) already: \(there)")
        }
        // Which way the step went, where both sides decided.
        let mine = main.step(at: k)
        if !skipped, let d = mine?.decision, let theirs = history.step(at: history.position)?.decision,
           StepWords.verdict(d) != StepWords.verdict(theirs) {
            notes.append("decides \(StepWords.verdict(theirs)) under \(name)")
        }
        // Invariants this row breaks on one side while the other side's world keeps them.
        let brokenHere = Set((mine?.newViolations ?? []).map(\.invariant))
        let brokenThere = Set((before..<history.position).flatMap { history.step(at: $0 + 1)?.newViolations ?? [] }.map(\.invariant))
        let stillHere = mainRun.broken(in: main.world(at: k)), stillThere = run.broken(in: history.current)
        let onlyHere = Invariant.allCases.filter { brokenHere.contains($0) && !stillThere.contains(InvariantSet($0)) }
        let onlyThere = Invariant.allCases.filter { brokenThere.contains($0) && !stillHere.contains(InvariantSet($0)) }
        if !onlyHere.isEmpty { notes.append("breaks \(onlyHere.map(\.rawValue).joined(separator: ", ")) here, not under \(name)") }
        if !onlyThere.isEmpty { notes.append("breaks \(onlyThere.map(\.rawValue).joined(separator: ", ")) under \(name) only") }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// The same session rebuilt for `s` when its schedule, operations or scenario changed since.
    public func synced(with s: AppState) -> CompareSession? {
        let now = Basis(choices: s.history.choices, operations: s.run.operations, topology: s.run.topology, mainScheme: s.scheme)
        if now == basis { return self }
        return try? CompareSession.make(s, scheme: scheme).get()
    }
}
