import ArgumentParser
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import Foundation

/// `dmaown replay`: Re-run a saved trace headlessly.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Re-run a saved trace headlessly.",
        discussion: "Prints each step and the group and device fields it changed. Exit status: 0 no invariant broken along the way, 1 some invariant broken, 2 the trace cannot be read or does not fit its scenario.")

    @Argument(help: "A trace file (JSON, see README: Traces).")
    var trace: String?
    /// Words the parser does not know, collected so they exit 2 rather than the parser's 64.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    func run() throws {
        if let word = unrecognized.first { throw InputError.exit("replay", "unknown option or extra argument '\(word)' (see 'dmaown replay --help')") }
        guard let trace else { throw InputError.exit("replay", "missing TRACE: a trace file saved by the TUI or 'dmaown export'") }
        let replayed: (scenario: Scenario, run: Run, worlds: [World])
        let decoded: Trace
        do {
            decoded = try Trace.load(path: trace)
            replayed = try TraceReplay.replay(decoded, file: trace)
        } catch {
            throw InputError.exit("replay", error.description)
        }
        let run = replayed.run, worlds = replayed.worlds
        HumanOutput.print("\(decoded.title) [\(decoded.scheme.rawValue)]: \(decoded.steps.count) steps")
        var seen = Set<Invariant>()
        var broken: [Violation] = []
        func judge(_ w: World, after step: Int) {
            for v in run.violations(in: w) where !seen.contains(v.invariant) {
                seen.insert(v.invariant)
                broken.append(v)
                HumanOutput.print("      BROKEN \(v)")
            }
        }
        judge(worlds[0], after: 0)
        let width = String(decoded.steps.count).count
        for (i, entry) in decoded.steps.enumerated() {
            let t = entry.thread &- 1
            let n = String(i + 1)
            let step = run.currentStep(of: t, in: worlds[i])?.title ?? "?"
            HumanOutput.print("\(String(repeating: " ", count: width - n.count))\(n). thread \(entry.thread)  \(run.line(of: t))  \(step)\(entry.fail ? "  [fails here]" : "")")
            // The same decision sentence the TUI and the exports show for this step.
            if let d = run.decision(ofThread: t, before: worlds[i], after: worlds[i + 1], failed: entry.fail) { HumanOutput.print("      decision: \(d)") }
            for change in WorldChanges.between(worlds[i], worlds[i + 1], run: run) { HumanOutput.print("      \(change)") }
            judge(worlds[i + 1], after: i + 1)
        }
        let last = worlds[worlds.count - 1]
        let results = (0..<run.operations.count).map { "\(run.line(of: $0)): \(run.result(of: $0, in: last) ?? "running")" }
        HumanOutput.print("results: " + results.joined(separator: "; "))
        HumanOutput.print(broken.isEmpty ? "no invariant broken" : "broken: " + broken.map(\.invariant.rawValue).joined(separator: ", "))
        if !broken.isEmpty { throw ExitCode(1) }
    }
}
