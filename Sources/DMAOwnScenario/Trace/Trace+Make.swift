import DMAOwnEngine

extension Trace {
    /// Records `schedule` (0-based threads) taken from `initial` through `run`, with the operation
    /// line and kernel step of each entry filled in for people reading the JSON.
    ///
    /// `run` may hold operations beyond the scenario's threads (added in the TUI); all are listed.
    /// Steps are described as they stand before being taken; a step the run cannot take is
    /// recorded without a description and not applied.
    public static func make(scenario: Scenario, run: Run, initial: World, schedule: [(thread: Int, fail: Bool)]) -> Trace {
        var world = initial
        var steps: [Entry] = []
        for choice in schedule {
            let t = choice.thread
            guard run.operations.indices.contains(t), t < world.threadCount else {
                steps.append(Entry(thread: t + 1, fail: choice.fail))
                continue
            }
            let step = run.currentStep(of: t, in: world)?.title
            var decision: String?
            if case .runnable = run.status(of: t, in: world) { decision = run.stepExplained(&world, thread: t, fail: choice.fail) }
            steps.append(Entry(thread: t + 1, fail: choice.fail, op: run.line(of: t), step: step, decision: decision))
        }
        return Trace(
            title: scenario.title, source: scenario.source, scenario: scenario.text, scheme: run.scheme.id,
            operations: run.operations.map(run.topology.describe), steps: steps)
    }
}
