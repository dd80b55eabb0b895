import DMAOwnEngine

/// A schedule as numbered plain-text steps, each line as `dmaown check` prints a counterexample's,
/// with what the step changed under it: for mail, terminals and bug reports.
public enum TextExporter {
    /// Header, one line per step with the changes it made, violations where they happen, results.
    public static func render(_ scenario: Scenario, _ timeline: Timeline) -> String {
        let run = timeline.run, topo = run.topology
        var out = ["\(scenario.title) (scheme \(run.scheme.id.rawValue))"]
        for t in run.operations.indices { out.append("  thread \(t + 1) (T\(t + 1)): \(run.line(of: t))") }
        out.append("")
        let width = String(timeline.entries.count).count
        for (i, e) in timeline.entries.enumerated() {
            let n = String(i + 1)
            let number = String(repeating: " ", count: width - n.count) + n
            out.append("\(number). thread \(e.thread + 1)  \(run.line(of: e.thread))  \(e.step.title)\(e.fail ? "  [fails here]" : "")")
            let pad = String(repeating: " ", count: width + 2)
            if let d = e.decision { out.append(pad + "decision: " + d) }
            let changes = WorldChange.between(e.before, e.after, groups: topo.groups.count, devices: topo.devices.count)
            if !changes.isEmpty { out.append(pad + changes.map { $0.describe(run) }.joined(separator: ", ")) }
            if let cases = ExportWords.robinCases(e, run: run) { out.append(pad + cases.text) }
            for v in e.newViolations { out.append("\(pad)VIOLATION \(v.invariant.rawValue): \(v.message)") }
        }
        out.append("")
        for t in run.operations.indices { out.append("thread \(t + 1)  \(run.line(of: t)): \(ExportWords.result(of: t, in: timeline))") }
        return out.joined(separator: "\n") + "\n"
    }
}
