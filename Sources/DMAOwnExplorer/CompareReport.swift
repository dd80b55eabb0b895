import DMAOwnEngine
import DMAOwnScenario

/// `dmaown compare`: one scenario explored under several schemes, each exactly as `dmaown check
/// --scheme S` explores it, set side by side: a row per scheme and a matrix of outcomes. Pure
/// functions of the finished checks, so the output is tested without spawning the binary.
///
/// The matrix never says "impossible" for an outcome a scheme's search did not rule out: only a
/// complete search whose outcomes are all listed can say it never ends that way.
public struct CompareReport: Sendable {
    /// One scheme asked for: its `check` report, or why the scenario cannot run under it.
    public struct Entry: Sendable {
        public var scheme: SchemeID
        public var check: CheckReport?
        /// A one-line reason when `check` is nil (a setup operation fails under this scheme, …).
        public var failure: String?
        public init(scheme: SchemeID, check: CheckReport) { self.scheme = scheme; self.check = check }
        public init(scheme: SchemeID, failure: String) { self.scheme = scheme; self.failure = failure }
    }

    /// What one scheme says about one outcome.
    public enum Cell: Sendable, Hashable {
        /// Possible: this many complete interleavings end this way.
        case schedules(ScheduleCount)
        /// Possible; the interleavings were not counted.
        case possible
        /// The scheme's complete search never ends this way.
        case impossible
        /// The scheme's search was cut short before meeting it: it may or may not be possible.
        case notFound
        /// The scheme has more combined outcomes than are listed, so this one is not looked up.
        case notListed
        /// The scenario cannot run under the scheme.
        case notRun

        /// True possible, false impossible, nil when the scheme cannot say.
        public var possible: Bool? {
            switch self {
            case .schedules, .possible: true
            case .impossible: false
            case .notFound, .notListed, .notRun: nil
            }
        }

        /// The cell as printed: a count, or a word.
        public var words: String {
            switch self {
            case .schedules(let n): CheckReport.count(n)
            case .possible: "possible"
            case .impossible: "impossible"
            case .notFound: "not found (partial)"
            case .notListed: "not listed"
            case .notRun: "not run"
            }
        }
    }

    /// How the schemes differ on one outcome, marked in words and a symbol (never colour alone).
    public enum Difference: String, Sendable, CaseIterable {
        /// Possible under some schemes, impossible under others.
        case possibility = "*"
        /// Possible under every scheme that decides it, by different numbers of interleavings.
        case counts = "~"
        /// Some scheme's search cannot say (partial, or outcomes not listed) while others decide it.
        case unknown = "?"

        /// The legend line for the mark.
        public var legend: String {
            switch self {
            case .possibility: "possible under some schemes, impossible under others"
            case .counts: "possible under each scheme, by different numbers of interleavings"
            case .unknown: "some scheme's search cannot say whether it is possible (a bound cut it, or its outcomes are not listed)"
            }
        }

        /// The name `--json` gives it.
        public var name: String {
            switch self {
            case .possibility: "possibility"
            case .counts: "counts"
            case .unknown: "unknown"
            }
        }
    }

    /// One distinct end result met under some scheme: each thread's result, in thread order.
    public struct Row: Sendable {
        public var results: [String]
        /// One per entry, in `entries` order.
        public var cells: [Cell]
        public var difference: Difference?
    }

    /// The scenario as named on the command line (a built-in name or a path), for commands in notes.
    public var name: String
    public var scenario: Scenario
    /// One per scheme asked for, in the order asked.
    public var entries: [Entry]

    /// A comparison of `entries`, the checks of `scenario` (called `name`) under each scheme.
    public init(name: String, scenario: Scenario, entries: [Entry]) {
        self.name = name; self.scenario = scenario; self.entries = entries
    }

    /// 1 when some scheme breaks an invariant, else 0 (as `check`); input errors never get here.
    public var exitStatus: Int32 { entries.contains { $0.check.map { !$0.exploration.violations.isEmpty } ?? false } ? 1 : 0 }

    /// Each thread's operation line, the keys outcomes are labelled by (the same under every scheme).
    public var keys: [String] {
        let run = Run(topology: scenario.topology, scheme: Schemes.scheme(scenario.scheme), operations: scenario.threads)
        return OutcomeWords.keys(run)
    }

    /// What `entry` says about the outcome `results`.
    public static func cell(_ entry: Entry, _ results: [String]) -> Cell {
        guard let check = entry.check else { return .notRun }
        let e = check.exploration
        guard e.outcomesListed else { return .notListed }
        if let o = e.outcomes.first(where: { $0.results == results }) {
            return e.schedulesCounted && check.random == nil ? .schedules(o.schedules) : .possible
        }
        return e.complete && check.random == nil ? .impossible : .notFound
    }

    /// Every outcome met under some scheme, in the order first met (schemes in order, each most
    /// frequent first), with each scheme's cell and how they differ.
    public var rows: [Row] {
        var seen = Set<[String]>()
        var order: [[String]] = []
        for entry in entries {
            guard let e = entry.check?.exploration, e.outcomesListed else { continue }
            for o in e.outcomes where seen.insert(o.results).inserted { order.append(o.results) }
        }
        return order.map { results in
            let cells = entries.map { Self.cell($0, results) }
            return Row(results: results, cells: cells, difference: Self.difference(cells))
        }
    }

    /// How `cells` differ: possibility first, then an unknown beside decided cells, then counts.
    static func difference(_ cells: [Cell]) -> Difference? {
        let decided = Set(cells.compactMap(\.possible))
        if decided.count > 1 { return .possibility }
        if cells.contains(where: { $0 == .notFound || $0 == .notListed }) { return .unknown }
        let counts = Set(cells.compactMap { if case .schedules(let n) = $0 { n } else { nil } })
        return counts.count > 1 ? .counts : nil
    }

    /// The matrix's columns: entries whose results are identical share one, in the order of their
    /// first entry. Results are identical when both searches are complete (or cut the same way)
    /// and find the same invariants broken and the same outcomes with the same counts.
    public var columns: [[Int]] {
        var out: [[Int]] = []
        var bySignature: [Signature: Int] = [:]
        for (i, entry) in entries.enumerated() {
            guard let s = Signature(entry) else { out.append([i]); continue }
            if let c = bySignature[s] { out[c].append(i) } else { bySignature[s] = out.count; out.append([i]) }
        }
        return out
    }

    /// What makes two schemes' results identical; nil for an entry that merges with none (not run,
    /// or outcomes not listed, which cannot be compared one by one).
    private struct Signature: Hashable {
        var broken: [String]
        var complete: Bool
        var counted: Bool
        var outcomes: [[String]: ScheduleCount]

        init?(_ entry: Entry) {
            guard let check = entry.check, check.random == nil, check.exploration.outcomesListed else { return nil }
            let e = check.exploration
            broken = e.violations.map(\.invariant.rawValue).sorted()
            complete = e.complete
            let counted = e.schedulesCounted
            self.counted = counted
            outcomes = Dictionary(e.outcomes.map { ($0.results, counted ? $0.schedules : 0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// A column's heading: its schemes' names joined.
    public func heading(_ column: [Int]) -> String { column.map { entries[$0].scheme.rawValue }.joined(separator: ", ") }

    /// One note per merged column: which schemes it holds and why.
    public var mergeNotes: [String] {
        columns.filter { $0.count > 1 }.map { c in
            "\(heading(c)): identical results (the same invariants broken, the same outcomes with the same schedule counts), shown as one column."
        }
    }

    /// The verdict word for a scheme: BROKEN, OK, "OK so far" when a bound cut the search, or "cannot run".
    public static func verdict(_ entry: Entry) -> String {
        guard let check = entry.check else { return "cannot run" }
        let e = check.exploration
        if !e.violations.isEmpty { return "BROKEN" }
        return e.complete && check.random == nil ? "OK" : "OK so far"
    }

    /// The invariants a scheme breaks, or "none" ("none found" for a partial search).
    public static func invariantsWords(_ entry: Entry) -> String {
        guard let check = entry.check else { return "-" }
        let broken = check.exploration.violations.map(\.invariant.rawValue)
        if !broken.isEmpty { return broken.joined(separator: ", ") }
        return check.exploration.complete ? "none" : "none found"
    }

    /// A scheme's number of outcomes, "so far" for a partial search.
    public static func outcomeWords(_ entry: Entry) -> String {
        guard let check = entry.check else { return "-" }
        let e = check.exploration
        return CheckReport.count(e.outcomeCount) + (e.complete ? "" : " so far")
    }

    /// The scheme's shortest counterexample (the one with fewest steps; the first on a tie).
    public static func shortest(_ entry: Entry) -> Counterexample? {
        entry.check?.exploration.violations.min { $0.schedule.count < $1.schedule.count }
    }

    /// Every note the report prints after the outcome matrix, in the order text, Markdown and JSON give them.
    public var notes: [String] { mergeNotes + failureNotes + unlistedNotes + partialNotes + symmetryNotes }

    /// Which threads the searches folded (`check`'s sentence), so the states column is read as
    /// one per set of swapped states; every scheme folds the same threads, since the operations
    /// and the start decide it.
    public var symmetryNotes: [String] {
        entries.lazy.compactMap { CheckReport.symmetryLine($0.check?.exploration.countingSymmetry ?? []) }.first.map { [$0] } ?? []
    }

    /// Schemes whose result is partial or sampled, each with `check`'s sentence saying why.
    public var partialNotes: [String] {
        entries.compactMap { entry in entry.check?.partialNote.map { "\(entry.scheme.rawValue): \($0)" } }
    }

    /// Schemes whose combined outcomes are too many to list, each with its count.
    public var unlistedNotes: [String] {
        entries.compactMap { entry in
            guard let e = entry.check?.exploration, !e.outcomesListed else { return nil }
            return "\(entry.scheme.rawValue): \(CheckReport.count(e.outcomeCount)) outcomes, more than the \(Explorer.maxListedOutcomes) listed one by one; its cells read \"not listed\" (dmaown check \(name) --scheme \(entry.scheme.rawValue) shows each independent cluster's own)."
        }
    }

    /// Schemes the scenario cannot run under, each with the reason.
    public var failureNotes: [String] {
        entries.compactMap { entry in entry.failure.map { "\(entry.scheme.rawValue): cannot run: \($0)" } }
    }

    /// Why the matrix is empty: nothing found by partial searches, or too many outcomes to list.
    var noOutcomeWords: String {
        if !unlistedNotes.isEmpty { return "none listed under any scheme (too many to list; see the notes)." }
        if entries.contains(where: { $0.check.map { !$0.exploration.complete } ?? false }) {
            return "none found: the searches stopped before any schedule finished (partial; see the notes)."
        }
        return "none: no scheme could run the scenario."
    }

    /// The one-line summary: which schemes break an invariant, which do not.
    public var summary: String {
        let broken = entries.filter { Self.verdict($0) == "BROKEN" }.map(\.scheme.rawValue)
        let ok = entries.filter { Self.verdict($0) == "OK" }.map(\.scheme.rawValue)
        let sofar = entries.filter { Self.verdict($0) == "OK so far" }.map(\.scheme.rawValue)
        var parts: [String] = []
        if !broken.isEmpty { parts.append("BROKEN under \(broken.joined(separator: ", "))") }
        if !ok.isEmpty { parts.append("OK under \(ok.joined(separator: ", "))") }
        if !sofar.isEmpty { parts.append("OK so far under \(sofar.joined(separator: ", ")) (partial search)") }
        return parts.isEmpty ? "No scheme could run the scenario." : parts.joined(separator: "; ") + "."
    }
}
