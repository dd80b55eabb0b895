import DMAOwnEngine

/// Re-runs a trace from its embedded scenario, checking that every entry fits the world it meets,
/// so a trace that replays at all replays to the identical world.
public enum TraceReplay {
    /// The scenario, the run (with any operations added beyond the scenario's threads), and every
    /// world along the way: `worlds[0]` is the initial world, `worlds[i + 1]` the world after `steps[i]`.
    /// Errors name `file`, the trace file being replayed, or else the scenario source the trace records.
    public static func replay(_ trace: Trace, file: String? = nil) throws(TraceError) -> (scenario: Scenario, run: Run, worlds: [World]) {
        let file = file ?? trace.source
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(trace.scenario, source: trace.source)
        } catch {
            throw TraceError(file: file, message: "embedded scenario: \(error.description)")
        }
        var run: Run, world: World
        switch scenario.prepare(scheme: trace.scheme) {
        case .success(let prepared): (run, world) = prepared
        case .failure(let e): throw TraceError(file: file, message: "embedded scenario: \(e.description)")
        }
        guard trace.operations.count >= run.operations.count else {
            throw TraceError(file: file, message: "trace lists \(trace.operations.count) operations but its scenario has \(run.operations.count) threads")
        }
        for (i, line) in trace.operations.enumerated() {
            let op: Operation
            switch OperationGrammar.parse(line, in: scenario.topology) {
            case .success(let parsed): op = parsed
            case .failure(let e): throw TraceError(file: file, message: "operation \(i + 1) \(DisplayText.quote(line)): \(e.message)")
            }
            if i < run.operations.count {
                guard run.operations[i] == op else {
                    throw TraceError(file: file, message: "operation \(i + 1) \(DisplayText.quote(line)) is not the scenario's thread \(i + 1) \(DisplayText.quote(run.line(of: i)))")
                }
            } else {
                run.add(op, to: &world)
            }
        }
        var worlds = [world]
        for (index, entry) in trace.steps.enumerated() {
            let t = entry.thread &- 1  // wrapping: a thread of Int.min is refused below, not a trap
            guard run.operations.indices.contains(t) else {
                throw TraceError(file: file, entry: index, message: "thread \(entry.thread) does not exist (the trace has threads 1 to \(run.operations.count))")
            }
            switch run.status(of: t, in: world) {
            case .runnable(_, let canFail):
                if entry.fail && !canFail {
                    let step = run.currentStep(of: t, in: world)?.title ?? "?"
                    throw TraceError(file: file, entry: index, message: "thread \(entry.thread) cannot fail at '\(step)': it is not a may_fail choice point")
                }
                run.step(&world, thread: t, fail: entry.fail)
                worlds.append(world)
            case .blocked(_, let blocker):
                throw TraceError(file: file, entry: index, message: "thread \(entry.thread) (\(run.line(of: t))) is blocked: \(run.describe(blocker))")
            case .done(let e):
                throw TraceError(file: file, entry: index, message: "thread \(entry.thread) (\(run.line(of: t))) already finished with \(e.name)")
            case .crashed:
                throw TraceError(file: file, entry: index, message: "thread \(entry.thread) (\(run.line(of: t))) cannot run: the kernel crashed (BUG_ON)")
            }
        }
        return (scenario, run, worlds)
    }
}
