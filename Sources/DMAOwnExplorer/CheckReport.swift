import DMAOwnEngine
import DMAOwnScenario

/// What `dmaown check` prints, as pure functions of a finished exploration (CONTRACT §3), so the
/// output can be tested without spawning the binary.
public struct CheckReport: Sendable {
    /// The scenario's title and the scheme explored.
    public var title: String
    public var scheme: SchemeID
    /// The run and initial world the schedules start from, to describe each step of a trace.
    public var run: Run
    public var world: World
    /// What the search found.
    public var exploration: Exploration
    /// The scenario's `[expect]`, when it has one.
    public var expectation: Scenario.Expectation?
    /// Set for `--random N --seed S`: the walks were sampled, not exhaustive.
    public var random: (walks: Int, seed: UInt64)?
    /// The bounds given, to name the one that cut the search short.
    public var options: ExplorationOptions

    /// A report on `exploration` of `run` from `world`.
    public init(title: String, scheme: SchemeID, run: Run, world: World, exploration: Exploration,
                expectation: Scenario.Expectation? = nil, random: (walks: Int, seed: UInt64)? = nil, options: ExplorationOptions = .init()) {
        self.title = title; self.scheme = scheme; self.run = run; self.world = world; self.exploration = exploration
        self.expectation = expectation; self.random = random; self.options = options
    }

    /// CONTRACT §3 exit status: 0 when no invariant is broken, 1 when some is.
    public var exitStatus: Int32 { exploration.violations.isEmpty ? 0 : 1 }

    /// Whether the result agrees with the scenario's `[expect]`, when it has one.
    public var matchesExpectation: Bool? {
        guard let expectation else { return nil }
        if exploration.broken != expectation.invariants { return false }
        if let n = expectation.outcomes, n != exploration.outcomes.count { return false }
        return true
    }

    /// Keys for outcome results: each thread's operation line, with the thread number added when two threads share one.
    public var threadKeys: [String] {
        let lines = (0..<run.operations.count).map(run.line(of:))
        return lines.enumerated().map { t, l in lines.filter { $0 == l }.count > 1 ? "\(l) (thread \(t + 1))" : l }
    }

    /// The schedule as trace entries (thread 1-based, operation line, kernel step title).
    public func traceEntries(_ schedule: [Choice]) -> [Trace.Entry] {
        var w = world
        return schedule.map { c in
            let step = run.currentStep(of: c.thread, in: w)?.title ?? "?"
            run.step(&w, thread: c.thread, fail: c.fail)
            return Trace.Entry(thread: c.thread + 1, fail: c.fail, op: run.line(of: c.thread), step: step)
        }
    }

    // MARK: JSON

    /// The one JSON object `--json` prints.
    public var json: JSONText {
        let e = exploration
        var fields: [(String, JSONText)] = [
            ("scenario", .string(title)), ("scheme", .string(scheme.rawValue)), ("complete", .bool(e.complete)),
            ("states", .int(e.states)), ("transitions", .int(e.transitions)), ("seconds", .double((e.seconds * 1e6).rounded() / 1e6)),
            ("violations", .array(e.violations.map { v in
                .object([
                    ("invariant", .string(v.invariant.rawValue)), ("message", .string(v.message)),
                    ("trace", .array(traceEntries(v.schedule).map { entry in
                        .object([("thread", .int(entry.thread)), ("op", .string(entry.op ?? "")), ("step", .string(entry.step ?? "")),
                                 ("fail", .bool(entry.fail))])
                    })),
                ])
            })),
            ("outcomes", .array(e.outcomes.map { o in
                .object([("results", .object(zip(threadKeys, o.results).map { ($0, .string($1)) })), ("schedules", .uint(o.schedules))])
            })),
            ("cancelled", .bool(e.cancelled)), ("peak_bytes", .int(e.peakBytes)),
            ("counting_states", .int(e.countingStates)), ("partial_order_reduction", .bool(options.partialOrderReduction)),
        ]
        if let random { fields.append(("random", .object([("walks", .int(random.walks)), ("seed", .uint(random.seed))]))) }
        if let expectation, let matches = matchesExpectation {
            var ex: [(String, JSONText)] = [("invariants", .array(Invariant.allCases.filter(expectation.invariants.contains).map { .string($0.rawValue) }))]
            if let n = expectation.outcomes { ex.append(("outcomes", .int(n))) }
            ex.append(("matches", .bool(matches && exploration.complete)))
            ex.append(("judged", .bool(exploration.complete)))
            fields.append(("expect", .object(ex)))
        }
        return .object(fields)
    }

    // MARK: Words for people

    /// The verdict, the outcome table, each counterexample as numbered steps, and a plain note when partial.
    public var human: String {
        let e = exploration
        var out: [String] = []
        let broken = e.violations.map(\.invariant.rawValue)
        let scope = random != nil ? "among \(random!.walks) random schedules" : (e.complete ? "every interleaving explored" : "partial search")
        out.append(broken.isEmpty
            ? "OK: no schedule breaks an invariant (\(scope))."
            : "BROKEN: some schedule breaks \(broken.joined(separator: ", ")) (\(scope)).")
        out.append("\(title) [\(scheme.rawValue)]: \(e.states) states, \(e.transitions) transitions, \(formatSeconds(e.seconds))"
                   + (e.countingStates > 0 ? " (schedules counted over \(e.countingStates) unreduced states)" : ""))
        out.append("")
        out += outcomeTable()
        for v in e.violations {
            out.append("")
            out.append("\(v.invariant.rawValue): \(v.message)")
            out.append("  shortest schedule found, \(v.schedule.count) step\(v.schedule.count == 1 ? "" : "s"):")
            let width = String(v.schedule.count).count
            for (i, entry) in traceEntries(v.schedule).enumerated() {
                let n = String(i + 1)
                out.append("  \(String(repeating: " ", count: width - n.count))\(n). thread \(entry.thread)  \(entry.op ?? "")  \(entry.step ?? "")\(entry.fail ? "  [fails here]" : "")")
            }
        }
        if let match = matchesExpectation, let expectation {
            out.append("")
            let want = Invariant.allCases.filter(expectation.invariants.contains).map(\.rawValue)
            let wanted = "invariants [\(want.joined(separator: ", "))]" + (expectation.outcomes.map { ", \($0) outcomes" } ?? "")
            let found = "found [\(broken.joined(separator: ", "))], \(e.outcomes.count) outcomes"
            if !e.complete {
                out.append("[expect] cannot be confirmed from a partial result: expected \(wanted); \(found) so far.")
            } else {
                out.append(match ? "Matches [expect]: \(wanted)." : "Does NOT match [expect]: expected \(wanted); \(found).")
            }
        }
        if let note = partialNote {
            out.append("")
            out.append(note)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A plain sentence saying why the result is partial, or nil when it is complete.
    public var partialNote: String? {
        let e = exploration
        if let random {
            return "The result is partial: \(random.walks) random schedules (seed \(random.seed)) were tried, not every interleaving; schedule counts are walks, not interleavings."
        }
        if e.complete { return nil }
        if e.cancelled { return "The result is partial: the search was cancelled before it explored every interleaving." }
        var bounds: [String] = []
        if let m = options.maxStates { bounds.append("--max-states \(m)") }
        if let d = options.maxDepth { bounds.append("--max-depth \(d)") }
        return "The result is partial: the search stopped at \(bounds.isEmpty ? "a bound" : bounds.joined(separator: " / ")) before it explored every interleaving, so other invariants may break and other outcomes may exist."
    }

    private func outcomeTable() -> [String] {
        let e = exploration
        let total = e.outcomes.reduce(UInt64(0)) { LayeredSearch.saturatingAdd($0, $1.schedules) }
        var rows: [[String]] = [["schedules"] + threadKeys]
        for o in e.outcomes { rows.append([String(o.schedules)] + o.results) }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = ["\(e.outcomes.count) outcome\(e.outcomes.count == 1 ? "" : "s")" + (random == nil ? " over \(total) complete interleavings:" : " seen:")]
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, s in
                c == 0 ? String(repeating: " ", count: widths[c] - s.count) + s : s + String(repeating: " ", count: widths[c] - s.count)
            }
            out.append("  " + cells.joined(separator: "  ").trimmingTrailingSpaces)
            if r == 0 { out.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return out
    }

    private func formatSeconds(_ s: Double) -> String {
        let ms = (s * 1000).rounded() / 1000
        return "\(ms) s"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
