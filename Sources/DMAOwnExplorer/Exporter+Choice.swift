import DMAOwnEngine
import DMAOwnScenario

extension Exporter {
    /// `Exporter.export` for a schedule of explorer `Choice`s (a counterexample, the TUI's timeline).
    public static func export(
        _ format: ExportFormat, scenario: Scenario, run: Run, initial: World, schedule: [Choice], graph: ExploredGraph? = nil
    ) throws(ExportError) -> String {
        try export(format, scenario: scenario, run: run, initial: initial,
                   schedule: schedule.map { (thread: $0.thread, fail: $0.fail) }, graph: graph)
    }

    /// The schedule `dmaown export` draws for a scenario: the first counterexample the explorer
    /// found (shortest for its invariant), or one complete schedule when nothing breaks.
    public static func schedule(for exploration: Exploration, run: Run, initial: World) -> [Choice] {
        if let first = exploration.violations.first { return first.schedule }
        return Timeline.firstComplete(run: run, initial: initial).map { Choice(thread: $0.thread, fail: $0.fail) }
    }
}
