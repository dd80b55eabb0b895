import Foundation
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// The TUI's only contact with trace encoding. The scenario branch is adding `Trace.json()`,
/// `Trace.make` and `TraceReplay`; until main has them this file builds and applies traces
/// itself, and is the one place to switch over.
enum TraceBridge {
    /// The trace of the schedule on screen (up to the selected timeline row).
    static func make(_ s: AppState) -> Trace {
        var w = s.history.initial
        var entries: [Trace.Entry] = []
        for c in s.history.applied {
            let step = s.run.currentStep(of: c.thread, in: w)?.title
            entries.append(Trace.Entry(thread: c.thread + 1, fail: c.fail, op: s.run.line(of: c.thread), step: step))
            s.run.step(&w, thread: c.thread, fail: c.fail)
        }
        return Trace(title: s.scenario.title, source: s.scenario.source, scenario: s.scenario.text, scheme: s.scheme,
                     operations: s.run.operations.indices.map(s.run.line(of:)), steps: entries)
    }

    /// Pretty JSON with stable key order, so saved traces diff well in reviews.
    static func json(_ trace: Trace) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(trace) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Applies a loaded trace of this session's scenario: its scheme, its operations, its schedule.
    /// Returns a message for the user (an error when the trace cannot be applied).
    static func apply(_ trace: Trace, to s: inout AppState) -> StatusMessage {
        guard trace.scenario == s.scenario.text, trace.title == s.scenario.title else {
            return StatusMessage(.error, "the trace is for scenario '\(trace.title)', not '\(s.scenario.title)': open it with `dmaown \(trace.source)` and o")
        }
        guard case .success(let prepared) = s.scenario.prepare(scheme: trace.scheme) else {
            return StatusMessage(.error, "the trace's scheme \(trace.scheme.rawValue) cannot run this scenario's setup")
        }
        var run = prepared.run
        var history = History(initial: prepared.world)
        let base = run.operations.indices.map(run.line(of:))
        guard trace.operations.starts(with: base) else {
            return StatusMessage(.error, "the trace's operations do not start with the scenario's threads")
        }
        for line in trace.operations.dropFirst(base.count) {
            switch OperationGrammar.parse(line, in: run.topology) {
            case .success(let op): _ = history.add(op, to: &run)
            case .failure(let e): return StatusMessage(.error, "trace operation '\(line)': \(e.message)")
            }
        }
        let choices = trace.steps.map { Choice(thread: $0.thread - 1, fail: $0.fail) }
        if let stop = App.replay(choices, run: run, into: &history) {
            return StatusMessage(.error, "the trace does not replay: step \(stop + 1) cannot be taken")
        }
        s.run = run
        s.history = history
        s.savedSchedule = choices
        return StatusMessage(.info, "loaded \(choices.count) steps under \(trace.scheme.rawValue)")
    }
}
