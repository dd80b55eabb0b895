import DMAOwnEngine
import Foundation

/// A schedule as the CONTRACT §4 trace: the file `dmaown replay` and the TUI load, carrying its
/// scenario's text so it replays on any machine.
public enum JSONExporter {
    /// The trace for `timeline`; a scenario with no source text (an import) carries its written TOML.
    public static func trace(_ scenario: Scenario, _ timeline: Timeline) -> Trace {
        let run = timeline.run
        let text = scenario.text.isEmpty ? ScenarioWriter.toml(scenario) : scenario.text
        let steps = timeline.entries.map {
            Trace.Entry(thread: $0.thread + 1, fail: $0.fail, op: run.line(of: $0.thread), step: $0.step.title)
        }
        return Trace(title: scenario.title, source: scenario.source, scenario: text, scheme: run.scheme.id,
                     operations: run.operations.indices.map(run.line), steps: steps)
    }

    /// The trace as pretty, key-sorted JSON, so exports diff cleanly in review.
    public static func render(_ scenario: Scenario, _ timeline: Timeline) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and booleans cannot fail.
        let data = try! encoder.encode(trace(scenario, timeline))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
