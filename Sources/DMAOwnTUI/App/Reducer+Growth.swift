import DMAOwnEngine
import DMAOwnScenario

extension App {
    /// `:owner`, `:driver` or `:device`: grows the scenario and replays the session into it.
    /// `resume` is the add dialog's words when its "new …" entry led here: the dialog comes back
    /// with the new name picked (and adds the operation when that completes it).
    static func growScenario(_ s: inout AppState, words: [String], resume: [String]?) -> [Effect] {
        let addition: ScenarioGrowth.Addition
        switch ScenarioGrowth.parse(words) {
        case .failure(let e): s.message = StatusMessage(.error, e.message); return [.bell]
        case .success(let a): addition = a
        }
        let grown: Scenario
        switch ScenarioGrowth.grow(s.scenario, by: addition) {
        case .failure(let e): s.message = StatusMessage(.error, e.message); return [.bell]
        case .success(let g): grown = g
        }
        let divergence: Int?
        switch adopt(&s, grown) {
        case .failure(let e): s.message = StatusMessage(.error, e.message); return [.bell]
        case .success(let d): divergence = d
        }
        let (what, name): (String, String) = switch addition {
        case .owner(let n): ("owner", n)
        case .driver(let d): ("driver", d.name)
        case .device(let g, let n, _): ("device", n + " in group \(g)")
        }
        let replayed = divergence.map { "; the schedule replays only to step \($0) now" } ?? ""
        s.message = StatusMessage(.info, "added \(what) \(name)\(replayed) (W writes the scenario as a file)")
        guard let resume else { return [] }
        var d = AddDialog()
        for w in resume { d.selected = d.options.firstIndex(of: w) ?? 0; _ = d.pick(in: s.run.topology) }
        let picked = if case .device(_, let n, _) = addition { n } else { name }
        d.selected = d.options.firstIndex(of: picked) ?? 0
        if let line = d.pick(in: s.run.topology) { return addOperation(&s, line: line) }
        s.overlay = .add(d)
        return []
    }

    /// Makes `grown` the session's scenario: setup again under the scheme on screen, the threads
    /// added live added again, and the schedule and its kept branches replayed as far as they
    /// apply. Returns the step the schedule stopped replaying at, if it did, or why the scenario
    /// could not be adopted (the session is then left as it was).
    static func adopt(_ s: inout AppState, _ grown: Scenario) -> Result<Int?, GrowthError> {
        let prepared: (run: Run, world: World)
        switch grown.prepare(scheme: s.scheme) {
        case .success(let p): prepared = p
        case .failure(let e): return .failure(GrowthError("the scenario grown so cannot be set up: \(e.message)"))
        }
        var run = prepared.run
        var initial = prepared.world
        // Added threads are named again by their lines: the grown topology may number devices anew.
        for t in s.run.operations.indices.dropFirst(s.scenario.threads.count) {
            switch OperationGrammar.parse(s.run.line(of: t), in: run.topology) {
            case .success(let op): run.add(op, to: &initial)
            case .failure(let e): return .failure(GrowthError("thread \(t + 1) no longer parses: \(e.message)"))
            }
        }
        let (history, divergence) = s.history.replayed(from: initial, run: run)
        s.scenario = grown
        s.run = run
        s.history = history
        s.schemeSwitch = nil
        s.lastExploration = nil
        return .success(divergence)
    }
}
