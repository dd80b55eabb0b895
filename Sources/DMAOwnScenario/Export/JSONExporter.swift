import DMAOwnEngine

/// A schedule as the trace: the file `dmaown replay` and the TUI load, carrying its
/// scenario's text so it replays on any machine.
public enum JSONExporter {
    /// The trace for `timeline`; a scenario with no source text (an import) carries its written TOML.
    public static func trace(_ scenario: Scenario, _ timeline: Timeline) -> Trace {
        var trace = Trace.make(scenario: scenario, run: timeline.run, initial: timeline.initial,
                               schedule: timeline.entries.map { (thread: $0.thread, fail: $0.fail) })
        if trace.scenario.isEmpty { trace.scenario = ScenarioWriter.toml(scenario) }
        return trace
    }

    /// The trace as `Trace.json()` writes it, ending in a newline like every text file.
    public static func render(_ scenario: Scenario, _ timeline: Timeline) -> String {
        trace(scenario, timeline).json() + "\n"
    }
}
