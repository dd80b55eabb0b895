import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// The TUI's only contact with trace encoding and replay (`Trace.make`, `json`, `TraceReplay`),
/// kept in one place so the reducer speaks in schedules and histories.
enum TraceBridge {
    /// The trace of the schedule on screen (up to the selected timeline row).
    static func make(_ s: AppState) -> Trace {
        Trace.make(scenario: s.scenario, run: s.run, initial: s.history.initial,
                   schedule: s.history.applied.map { (thread: $0.thread, fail: $0.fail) })
    }

    /// Pretty JSON with stable key order, ending in a newline.
    static func json(_ trace: Trace) -> String { trace.json() + "\n" }

    /// Replaces the session with a loaded trace: its scenario, scheme, operations and schedule.
    /// Returns a message for the user (an error, leaving the session as it was, when it does not replay).
    static func apply(_ trace: Trace, to s: inout AppState) -> StatusMessage {
        let replayed: (scenario: Scenario, run: Run, worlds: [World])
        do {
            replayed = try TraceReplay.replay(trace)
        } catch {
            return StatusMessage(.error, "cannot replay the trace: \(error.description)")
        }
        var history = History(initial: replayed.worlds[0])
        // The replay checked every entry fits; taking them again records each step's decision.
        for entry in trace.steps { history.take(Choice(thread: entry.thread - 1, fail: entry.fail), run: replayed.run) }
        s.scenario = replayed.scenario
        s.run = replayed.run
        s.history = history
        s.savedSchedule = Array(history.choices)
        s.savedOperationCount = replayed.run.operations.count
        s.selectedThread = 0
        s.selectedDevice = 0
        s.lastExploration = nil
        return StatusMessage(.info, "loaded '\(trace.title)': \(trace.steps.count) steps under \(trace.scheme.rawValue)")
    }
}
