import DMAOwnEngine
import DMAOwnScenario

/// What `dmaown check` prints, as pure functions of a finished exploration, so the
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
    /// The scheme the scenario file names: its `[expect]` was written for that scheme, so it is
    /// judged only when the run uses it (nil: whatever scheme ran).
    public var expectedScheme: SchemeID?
    /// Set for `--random N --seed S`: the walks were sampled, not exhaustive.
    public var random: (walks: Int, seed: UInt64)?
    /// The bounds given, to name the one that cut the search short.
    public var options: ExplorationOptions

    /// A report on `exploration` of `run` from `world`.
    public init(title: String, scheme: SchemeID, run: Run, world: World, exploration: Exploration,
                expectation: Scenario.Expectation? = nil, expectedScheme: SchemeID? = nil,
                random: (walks: Int, seed: UInt64)? = nil, options: ExplorationOptions = .init()) {
        self.title = title; self.scheme = scheme; self.run = run; self.world = world; self.exploration = exploration
        self.expectation = expectation; self.expectedScheme = expectedScheme; self.random = random; self.options = options
    }

    /// The exit status: 0 when no invariant is broken, 1 when some is.
    public var exitStatus: Int32 { exploration.violations.isEmpty ? 0 : 1 }

    /// True when `[expect]` was written for another scheme than the one explored (`--scheme`).
    public var expectationIsForAnotherScheme: Bool { expectedScheme.map { $0 != scheme } ?? false }

    /// Whether `[expect]` can be judged: the search was complete and ran under the file's own scheme.
    public var expectationJudged: Bool { exploration.complete && random == nil && !expectationIsForAnotherScheme }

    /// Whether the result agrees with the scenario's `[expect]`, when it has one.
    public var matchesExpectation: Bool? {
        guard let expectation else { return nil }
        if exploration.broken != expectation.invariants { return false }
        if let n = expectation.outcomes, ScheduleCount(n) != exploration.outcomeCount { return false }
        return true
    }

    /// Keys for outcome results: each thread's operation line, with the thread number added when two threads share one.
    public var threadKeys: [String] { OutcomeWords.keys(run) }

    /// The schedule as trace entries (thread 1-based, operation line, kernel step title, and the
    /// step's decision: the sentence the TUI and the exports show for it).
    public func traceEntries(_ schedule: [Choice]) -> [Trace.Entry] {
        var w = world
        return schedule.map { c in
            let step = run.currentStep(of: c.thread, in: w)?.title ?? "?"
            let decision = run.stepExplained(&w, thread: c.thread, fail: c.fail)
            return Trace.Entry(thread: c.thread + 1, fail: c.fail, op: run.line(of: c.thread), step: step, decision: decision)
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
                                 ("fail", .bool(entry.fail))] + (entry.decision.map { [("decision", JSONText.string($0))] } ?? []))
                    })),
                ])
            })),
            ("outcomes", e.outcomesListed ? outcomesJSON(e.outcomes, keys: threadKeys) : .null),
            ("outcome_count", .uint(e.outcomeCount)),
            ("schedules_counted", .bool(e.schedulesCounted)),
            ("cancelled", .bool(e.cancelled)), ("peak_bytes", .int(e.peakBytes)),
            ("counting_states", .int(e.countingStates)), ("partial_order_reduction", .bool(random == nil && e.reduction.isOn)),
        ]
        if e.schedulesCounted { fields.append(("schedules_total", .uint(e.totalSchedules))) }
        if !e.countingSymmetry.isEmpty {
            fields.append(("counting_symmetry", .array(e.countingSymmetry.map { .array($0.map { .int($0 + 1) }) })))
        }
        if let stop = e.stop { fields.append(("stopped_by", .string(stop.rawValue))) }
        switch e.countingStop {
        case .budget(let n)?: fields.append(("counting_stopped_by", .string("budget"))); fields.append(("counting_budget", .int(n)))
        case .bound(let b)?: fields.append(("counting_stopped_by", .string(b.rawValue)))
        case .notAsked?, nil: break
        }
        if random == nil, e.reduction.isOn {
            let folded: Bool = if case .folded = e.reduction { true } else { false }
            fields.append(("reduction", .object([("resources", .int(e.reduction.resources)), ("folded", .bool(folded))])))
        }
        if !e.clusters.isEmpty {
            let keys = threadKeys
            fields.append(("clusters", .array(e.clusters.map { c in
                .object([
                    ("threads", .array(c.threads.map { .int($0 + 1) })), ("groups", .array(c.groups.map { .int($0) })),
                    ("states", .int(c.states)), ("transitions", .int(c.transitions)), ("counting_states", .int(c.countingStates)),
                    ("outcomes", outcomesJSON(c.outcomes, keys: c.threads.map { keys[$0] })),
                ])
            })))
        }
        if let why = e.notSplit { fields.append(("not_split", .string(why))) }
        if let random { fields.append(("random", .object([("walks", .int(random.walks)), ("seed", .uint(UInt128(random.seed)))]))) }
        if let expectation, let matches = matchesExpectation {
            var ex: [(String, JSONText)] = [("invariants", .array(Invariant.allCases.filter(expectation.invariants.contains).map { .string($0.rawValue) }))]
            if let n = expectation.outcomes { ex.append(("outcomes", .int(n))) }
            ex.append(("matches", .bool(matches && expectationJudged)))
            ex.append(("judged", .bool(expectationJudged)))
            if let expectedScheme { ex.append(("scheme", .string(expectedScheme.rawValue))) }
            fields.append(("expect", .object(ex)))
        }
        return .object(fields)
    }

    private func outcomesJSON(_ outcomes: [Outcome], keys: [String]) -> JSONText {
        let counted = exploration.schedulesCounted
        return .array(outcomes.map { o in
            .object([("results", .object(zip(keys, o.results).map { ($0, .string($1)) })),
                     ("schedules", counted ? .uint(o.schedules) : .null)]
                    + (counted && o.schedules == .max ? [("saturated", .bool(true))] : []))
        })
    }

    // MARK: Words for people

    /// Why the counting pass visited fewer states than the unreduced graph has: "Threads 1 and 8,
    /// and 2 and 9, run the same operation from the same start: …". Nil when it folded none.
    static func symmetryLine(_ classes: [[Int]]) -> String? {
        guard !classes.isEmpty else { return nil }
        func names(_ c: [Int]) -> String {
            let n = c.map { String($0 + 1) }
            return n.count == 2 ? "\(n[0]) and \(n[1])" : n.dropLast().joined(separator: ", ") + " and " + n.last!
        }
        let sets = classes.map(names)
        let list = sets.count == 1 ? sets[0] : sets.dropLast().joined(separator: ", ") + ", and " + sets.last!
        return "Threads \(list) run the same operation from the same start: the search took states that differ"
            + " only by swapping them as one (verdicts and counts are exact)."
    }

    /// The verdict, the outcome table, each counterexample as numbered steps, and a plain note when partial.
    public var human: String {
        let e = exploration
        var out: [String] = []
        let broken = e.violations.map(\.invariant.rawValue)
        let scope = random != nil ? "among \(random!.walks) random schedules" : (e.complete ? "every interleaving explored" : "partial search")
        // A partial search vouches only for what it explored, never for every schedule.
        let partial = random != nil || !e.complete
        out.append(broken.isEmpty
            ? (partial ? "OK so far: no schedule explored breaks an invariant (\(scope))." : "OK: no schedule breaks an invariant (\(scope)).")
            : "BROKEN: some schedule breaks \(broken.joined(separator: ", ")) (\(scope)).")
        out.append("\(title) [\(scheme.rawValue)]: \(e.states) states, \(e.transitions) transitions, \(formatSeconds(e.seconds))"
                   + (e.countingStates == 0 ? "" : e.schedulesCounted ? " (schedules counted over \(e.countingStatesPhrase))"
                      : " (counting pass stopped after \(e.countingStatesPhrase))")
                   + (e.clusters.isEmpty ? "" : "; \(e.clusters.count) independent clusters searched one by one"))
        if let why = e.notSplit { out.append("Threads \(why).") }
        if let line = Self.symmetryLine(e.countingSymmetry) { out.append(line) }
        if random == nil, case .folded(let n) = e.reduction {
            out.append("Partial-order reduction: the threads touch \(n) devices and groups, more than its 64 conflict bits, so some share a bit and count as conflicting (sound, saves less).")
        }
        out.append("")
        if e.clusters.isEmpty { out += outcomeTable() } else { out += clusterTables() }
        for v in e.violations {
            out.append("")
            out.append("\(v.invariant.rawValue): \(v.message)")
            out.append("  shortest schedule found, \(v.schedule.count) step\(v.schedule.count == 1 ? "" : "s"):")
            let width = String(v.schedule.count).count
            for (i, entry) in traceEntries(v.schedule).enumerated() {
                let n = String(i + 1)
                out.append("  \(String(repeating: " ", count: width - n.count))\(n). thread \(entry.thread)  \(entry.op ?? "")  \(entry.step ?? "")\(entry.fail ? "  [fails here]" : "")")
                if let d = entry.decision { out.append("  \(String(repeating: " ", count: width + 2))decision: \(d)") }
            }
        }
        if let match = matchesExpectation, let expectation {
            out.append("")
            let want = Invariant.allCases.filter(expectation.invariants.contains).map(\.rawValue)
            func outcomes(_ n: Int) -> String { "\(n) outcome\(n == 1 ? "" : "s")" }
            let wanted = "invariants [\(want.joined(separator: ", "))]" + (expectation.outcomes.map { ", " + outcomes($0) } ?? "")
            let found = "found [\(broken.joined(separator: ", "))], " + outcomes(Int(clamping: e.outcomeCount))
            if expectationIsForAnotherScheme, let expectedScheme {
                out.append("[expect] was written for the \(expectedScheme.rawValue) scheme, so it is not compared under \(scheme.rawValue).")
            } else if !expectationJudged {
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
        if e.cancelled || e.stop == .cancelled { return "The result is partial: the search was cancelled before it explored every interleaving." }
        if e.stop == .memory {
            let limit = options.maxBytes.map { " of \(Self.bytes($0))" } ?? ""
            return "The result is partial: the search stopped at its memory bound\(limit) (--max-memory) before it explored every interleaving, so other invariants may break and other outcomes may exist."
        }
        if e.stop == .threadLimit {
            return "Nothing was explored: a cluster of interdependent threads is larger than the \(Explorer.maxThreads) threads the exhaustive explorer handles."
        }
        var bounds: [String] = []
        if let m = options.maxStates { bounds.append("--max-states \(m)") }
        if let d = options.maxDepth { bounds.append("--max-depth \(d)") }
        return "The result is partial: the search stopped at \(bounds.isEmpty ? "a bound" : bounds.joined(separator: " / ")) before it explored every interleaving, so other invariants may break and other outcomes may exist."
    }

    private func outcomeTable() -> [String] {
        table(exploration.outcomes, keys: threadKeys)
    }

    /// A heading line and a table of outcomes with one column per key.
    private func table(_ outcomes: [Outcome], keys: [String]) -> [String] {
        let e = exploration
        let total = outcomes.reduce(ScheduleCount(0)) { LayeredSearch.saturatingAdd($0, $1.schedules) }
        var rows: [[String]] = [["schedules"] + keys]
        for o in outcomes { rows.append([e.schedulesCounted ? Self.count(o.schedules) : "?"] + o.results) }
        let widths = (0..<rows[0].count).map { c in rows.map { DisplayText.columns($0[c]) }.max() ?? 0 }
        let over = random != nil ? " seen:"
            : !e.complete ? " found before the search stopped (other outcomes may exist):"
            : !e.schedulesCounted ? " (\(notCountedWords)):"
            : " over \(Self.count(total)) complete interleaving\(total == 1 ? "" : "s"):"
        var out = ["\(outcomes.count) outcome\(outcomes.count == 1 ? "" : "s")" + over]
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - DisplayText.columns(s))
                return c == 0 ? pad + s : s + pad
            }
            out.append("  " + cells.joined(separator: "  ").trimmingTrailingSpaces)
            if r == 0 { out.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return out
    }

    /// "2048 bytes", "512 MiB" or "1.5 GiB", for bounds in plain words.
    static func bytes(_ n: Int) -> String {
        if n >= 1 << 30 { return "\((Double(n) / Double(1 << 30) * 10).rounded() / 10) GiB" }
        if n >= 1 << 20 { return "\((Double(n) / Double(1 << 20) * 10).rounded() / 10) MiB" }
        return "\(n) bytes"
    }

    /// Why the counts are missing, in plain words.
    var notCountedWords: String {
        let e = exploration
        let set = e.complete ? "; the outcome set itself is complete" : ""
        switch e.countingStop {
        case .budget(let n)?: return "schedules not counted: more than \(n) unreduced states; use --count\(set)"
        case .bound(.memory)?: return "schedules not counted: the counting pass reached the memory bound\(set)"
        case .bound(.cancelled)?: return "schedules not counted: cancelled"
        case .bound(.threadLimit)?: return "nothing explored"
        case .notAsked?: return "schedules not counted"
        default: return "schedules not counted: the unreduced counting pass stopped at the bound\(set)"
        }
    }

    /// One table per independent cluster, each counting its own threads' interleavings, under one
    /// line with the number of combined outcomes and interleavings.
    private func clusterTables() -> [String] {
        let e = exploration
        let keys = threadKeys
        let n = Self.count(e.outcomeCount)
        var out = ["\(n) outcome\(e.outcomeCount == 1 ? "" : "s"), every combination of \(e.clusters.count) independent clusters' own outcomes"
                   + (e.schedulesCounted ? ", over \(Self.count(e.totalSchedules)) complete interleaving\(e.totalSchedules == 1 ? "" : "s") in all (each cluster's schedules interleaved in every way):"
                      : " (\(notCountedWords)):")]
        for (i, c) in e.clusters.enumerated() {
            out.append("")
            let groups = c.groups.map(String.init).joined(separator: ", ")
            out.append("cluster \(i + 1): thread\(c.threads.count == 1 ? "" : "s") \(c.threads.map { String($0 + 1) }.joined(separator: ", ")) on group\(c.groups.count == 1 ? "" : "s") \(groups), "
                       + "\(c.outcomes.count) outcome\(c.outcomes.count == 1 ? "" : "s")" + (e.schedulesCounted ? " (schedules of its own threads):" : ":"))
            out += table(c.outcomes, keys: c.threads.map { keys[$0] }).dropFirst()
        }
        return out
    }

    /// A count as people read it: saturated counts say "at least".
    static func count(_ n: ScheduleCount) -> String { n == .max ? "at least \(n)" : String(n) }

    /// "0.042 s", or below 10 ms "3.2 ms" / "0.41 ms", so a fast check never reads "0.0 s".
    func formatSeconds(_ s: Double) -> String {
        if s >= 0.01 { return "\((s * 1000).rounded() / 1000) s" }
        let ms = s * 1000
        return ms >= 1 ? "\((ms * 10).rounded() / 10) ms" : "\((ms * 100).rounded() / 100) ms"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
