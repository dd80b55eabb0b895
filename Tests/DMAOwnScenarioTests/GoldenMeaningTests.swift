import DMAOwnEngine
import DMAOwnScenario
import Foundation
import Testing

/// The golden exports pinned by what they mean, not only by themselves.
///
/// A golden file compared with a fresh export catches any change, but not a wrong one blessed by
/// `DMAOWN_UPDATE_GOLDEN`. So each export behind a golden file is also read back here: its state
/// columns and change lines against values this file derives from the timeline's worlds with its
/// own code (not the exporters' words), and its verdict, results and step count against values
/// written down by hand from the kernel's behaviour.
@Suite struct GoldenMeaningTests {
    /// What one golden schedule means, written by hand.
    struct Meaning: Sendable {
        let name: String
        let steps: Int
        let results: [String]
        let violations: [Violation]
        struct Violation: Sendable, Equatable { let invariant: Invariant; let step: Int }
    }

    /// The golden cases in `ExportTests.cases` order, then Robin's stale owner.
    static let meanings: [Meaning] = [
        // S1, notifier: e1000e's probe starts DMA in qemu's group, then BOUND_DRIVER hits BUG_ON.
        Meaning(name: "s1-notifier", steps: 7, results: ["crashed"],
                violations: [.init(invariant: .isolation, step: 6), .init(invariant: .bugOn, step: 7)]),
        // S5, merged, bind first: the bind counts owner_cnt 1, so qemu's claim is refused.
        Meaning(name: "s5-bind-first", steps: 11, results: ["0", "-EPERM"], violations: []),
        // S5, merged, claim first: the blocking domain makes the bind's dma_configure fail.
        Meaning(name: "s5-claim-first", steps: 12, results: ["-EBUSY", "0"], violations: []),
        // Robin: the scan hands ownership to a binding sibling whose bind then fails at pinctrl.
        Meaning(name: "robin-stale-owner", steps: 12, results: ["0", "-EINVAL"], violations: [.init(invariant: .staleOwner, step: 12)]),
    ]

    static func timeline(_ i: Int) throws -> (Scenario, Timeline) {
        let (scenario, schedule): (Scenario, [(thread: Int, fail: Bool)])
        if i < ExportTests.cases.count {
            let c = ExportTests.cases[i]
            (scenario, schedule) = (c.scenario, try ExportFixture.schedule(c.scenario, first: c.first))
        } else {
            (scenario, schedule) = (ExportFixture.robin, ExportFixture.robinSchedule)
        }
        let (run, initial) = try ExportFixture.start(scenario)
        return (scenario, try Timeline(run: run, initial: initial, schedule: schedule))
    }

    static func export(_ format: ExportFormat, _ i: Int) throws -> String {
        let (scenario, timeline) = try timeline(i)
        let schedule = timeline.entries.map { (thread: $0.thread, fail: $0.fail) }
        return try Exporter.export(format, scenario: scenario, run: timeline.run, initial: timeline.initial, schedule: schedule)
    }

    /// Case `i`'s meaning, timeline and export in `format`.
    static func exported(_ format: ExportFormat, _ i: Int) throws -> (Meaning, Timeline, String) {
        (meanings[i], try timeline(i).1, try export(format, i))
    }

    // MARK: What the timeline means, derived here

    /// The group's owner as the tables name it: kernel users counted with no owner are the DMA API's.
    static func ownerWords(_ gs: World.GroupState, _ topo: Topology) -> String {
        gs.owner == .none && gs.ownerCount > 0 ? "the kernel DMA API" : tokenWords(gs.owner, topo)
    }

    static func tokenWords(_ o: OwnerToken, _ topo: Topology) -> String {
        switch o {
        case .none: "nobody"
        case .dmaAPI: "the kernel DMA API"
        case .user(let u): topo.owners[u]
        case .driver(let d): topo.drivers[d].name
        }
    }

    static func domainWords(_ d: Domain, _ topo: Topology) -> String {
        switch d {
        case .none: "none"
        case .default: "default"
        case .blocking: "blocking"
        case .user(let u): "\(topo.owners[u])'s"
        }
    }

    /// Every field that differs between two worlds, in the words of a text export's change line.
    static func changes(_ b: World, _ a: World, _ topo: Topology) -> [String] {
        var out: [String] = []
        let holder = { (t: Int) in "T\(t + 1)" }
        for g in topo.groups.indices {
            let x = b[group: g], y = a[group: g], id = topo.groups[g].id
            if x.mutexHolder != y.mutexHolder { out.append(y.mutexHolder.map { "group \(id) mutex taken by \(holder($0))" } ?? "group \(id) mutex released") }
            if x.owner != y.owner { out.append("owner \(tokenWords(x.owner, topo)) → \(tokenWords(y.owner, topo))") }
            if x.ownerCount != y.ownerCount { out.append("owner_cnt \(x.ownerCount) → \(y.ownerCount)") }
            if x.domain != y.domain { out.append("domain \(domainWords(x.domain, topo)) → \(domainWords(y.domain, topo))") }
        }
        for d in topo.devices.indices {
            let x = b[device: d], y = a[device: d], name = topo.devices[d].name
            if x.lockHolder != y.lockHolder { out.append(y.lockHolder.map { "device_lock(\(name)) taken by \(holder($0))" } ?? "device_lock(\(name)) released") }
            if x.driver != y.driver { out.append("\(name) driver = \(y.driver.map { topo.drivers[$0].name } ?? "none")") }
            if x.doingDMA != y.doingDMA { out.append("\(name) \(y.doingDMA ? "starts" : "stops") DMA") }
        }
        if !b.flags.contains(.warned) && a.flags.contains(.warned) { out.append("WARN_ON fired") }
        if !b.flags.contains(.bugOn) && a.flags.contains(.bugOn) { out.append("BUG_ON: the kernel is dead") }
        return out
    }

    /// The invariants step `e` newly breaks, judged by the engine on the step's two worlds.
    static func newlyBroken(_ run: Run, _ e: Timeline.Entry) -> [Invariant] {
        run.broken(in: e.after).subtracting(run.broken(in: e.before)).members
    }

    static func result(_ run: Run, _ t: Int, _ w: World) -> String {
        switch run.status(of: t, in: w) {
        case .done(let e): e.name
        case .crashed: "crashed"
        default: "unfinished"
        }
    }

    // MARK: The tests

    @Test func theHandWrittenMeaningsMatchTheTimelines() throws {
        #expect(Self.meanings.count == ExportTests.cases.count + 1)
        for (i, m) in Self.meanings.enumerated() {
            let (_, timeline) = try Self.timeline(i)
            let run = timeline.run
            #expect(timeline.entries.count == m.steps, "\(m.name)")
            #expect(run.operations.indices.map { Self.result(run, $0, timeline.final) } == m.results, "\(m.name)")
            let found = timeline.entries.enumerated().flatMap { n, e in Self.newlyBroken(run, e).map { Meaning.Violation(invariant: $0, step: n + 1) } }
            #expect(found == m.violations, "\(m.name)")
        }
    }

    /// Markdown: one row per step whose group columns are the step's after-world, the violations
    /// at their steps, and each thread's result.
    @Test(arguments: 0..<4)
    func markdownMeansTheTimeline(caseIndex i: Int) throws {
        let (m, timeline, text) = try Self.exported(.markdown, i)
        let run = timeline.run, topo = run.topology
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("| # | thread |") })
        let columns = Self.cells(header)
        #expect(columns.contains("owner_cnt") == run.scheme.hasOwnerCount, "\(m.name)")
        let rows = lines.filter { $0.hasPrefix("| ") && $0.dropFirst(2).first?.isNumber == true }.map(Self.cells)
        #expect(rows.count == m.steps, "\(m.name)")
        try #require(rows.count == timeline.entries.count)
        for (n, (row, e)) in zip(rows, timeline.entries).enumerated() {
            let cell = { (name: String) -> String? in columns.firstIndex(of: name).map { row[$0] } }
            let g = run.operations[e.thread].group(in: topo), gs = e.after[group: g]
            #expect(cell("#") == "\(n + 1)")
            #expect(cell("thread") == "T\(e.thread + 1)", "\(m.name) step \(n + 1)")
            #expect(cell("kernel step")?.hasPrefix("`\(e.step.title)`") == true, "\(m.name) step \(n + 1)")
            #expect(cell("group") == "\(topo.groups[g].id)")
            #expect(cell("owner") == Self.ownerWords(gs, topo), "\(m.name) step \(n + 1)")
            if run.scheme.hasOwnerCount { #expect(cell("owner_cnt") == "\(gs.ownerCount)", "\(m.name) step \(n + 1)") }
            #expect(cell("domain") == Self.domainWords(gs.domain, topo), "\(m.name) step \(n + 1)")
            #expect(cell("mutex") == (gs.mutexHolder.map { "T\($0 + 1)" } ?? "free"), "\(m.name) step \(n + 1)")
            let marked = m.violations.filter { $0.step == n + 1 }.map(\.invariant.rawValue)
            #expect(cell("kernel step")?.contains("✗") == !marked.isEmpty, "\(m.name) step \(n + 1)")
            for inv in marked { #expect(cell("kernel step")?.contains(inv) == true, "\(m.name) step \(n + 1)") }
        }
        let listed = lines.filter { $0.hasPrefix("- **") }
        #expect(listed.count == m.violations.count, "\(m.name)")
        for v in m.violations { #expect(listed.contains { $0.hasPrefix("- **\(v.invariant.rawValue)** at step \(v.step): ") }, "\(m.name)") }
        #expect(text.contains("None: this schedule breaks no invariant.") == m.violations.isEmpty)
        for (t, r) in m.results.enumerated() { #expect(lines.contains("- T\(t + 1) `\(run.line(of: t))`: \(r)"), "\(m.name)") }
    }

    /// Text: each step's line, its change line equal to the fields that differ between its two
    /// worlds, its violations, and the results.
    @Test(arguments: 0..<4)
    func textMeansTheTimeline(caseIndex i: Int) throws {
        let (m, timeline, text) = try Self.exported(.text, i)
        let run = timeline.run, topo = run.topology
        let blocks = Self.stepBlocks(text)
        #expect(blocks.count == m.steps, "\(m.name)")
        try #require(blocks.count == timeline.entries.count)
        var violationLines = 0
        for (n, (block, e)) in zip(blocks, timeline.entries).enumerated() {
            let head = try #require(block.first)
            #expect(head.hasSuffix(". thread \(e.thread + 1)  \(run.line(of: e.thread))  \(e.step.title)\(e.fail ? "  [fails here]" : "")"), "\(head)")
            let details = block.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            let changeLines = details.filter { !$0.hasPrefix("decision: ") && !$0.hasPrefix("VIOLATION ") && !$0.hasPrefix("Robin's cases") }
            let expected = Self.changes(e.before, e.after, topo)
            #expect(changeLines.count == (expected.isEmpty ? 0 : 1), "\(m.name) step \(n + 1): \(changeLines)")
            let shown = changeLines.first.map { $0.components(separatedBy: ", ") } ?? []
            #expect(shown.sorted() == expected.sorted(), "\(m.name) step \(n + 1)")
            let violations = details.filter { $0.hasPrefix("VIOLATION ") }
            violationLines += violations.count
            let expectedHere = m.violations.filter { $0.step == n + 1 }.map { "VIOLATION \($0.invariant.rawValue): " }
            #expect(violations.count == expectedHere.count, "\(m.name) step \(n + 1)")
            for prefix in expectedHere { #expect(violations.contains { $0.hasPrefix(prefix) }, "\(m.name) step \(n + 1)") }
        }
        #expect(violationLines == m.violations.count)
        for (t, r) in m.results.enumerated() { #expect(text.contains("\nthread \(t + 1)  \(run.line(of: t)): \(r)\n"), "\(m.name)") }
    }

    /// JSON: a trace of exactly the schedule, which replays to the hand-written results.
    @Test(arguments: 0..<3)
    func jsonReplaysToTheResults(caseIndex i: Int) throws {
        let m = Self.meanings[i]
        let (_, timeline) = try Self.timeline(i)
        let trace = try Trace.decode(Self.export(.json, i), source: "\(m.name).json")
        #expect(trace.steps.count == m.steps)
        #expect(trace.steps.map(\.thread) == timeline.entries.map { $0.thread + 1 })
        #expect(trace.steps.map(\.fail) == timeline.entries.map(\.fail))
        let replayed = try TraceReplay.replay(trace)
        let last = try #require(replayed.worlds.last)
        #expect(replayed.run.operations.indices.map { Self.result(replayed.run, $0, last) } == m.results, "\(m.name)")
        #expect(Set(replayed.run.broken(in: last).members) == Set(m.violations.map(\.invariant)), "\(m.name)")
    }

    /// Mermaid: well formed, one highlighted note per violation, and each result returned.
    @Test(arguments: 0..<4)
    func mermaidShowsTheVerdict(caseIndex i: Int) throws {
        let m = Self.meanings[i]
        let text = try Self.export(.mermaid, i)
        #expect(MermaidStructure.check(text).problems == [])
        for v in m.violations { #expect(text.contains("✗ \(v.invariant.rawValue):"), "\(m.name)") }
        #expect(text.components(separatedBy: "✗ ").count - 1 == m.violations.count, "\(m.name)")
    }

    /// DOT: a node per reachable state and the schedule's edges in red.
    @Test func dotDrawsTheGraphAndThePath() throws {
        let s = ExportFixture.s5
        let (run, initial) = try ExportFixture.start(s)
        let graph = try ExportFixture.graph(s), schedule = try ExportFixture.schedule(s, first: 0)
        let text = try Exporter.export(.dot, scenario: s, run: run, initial: initial, schedule: schedule, graph: graph)
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.contains("[label=\"G7 ") }.count == graph.states.count)
        #expect(lines.filter { $0.contains("->") }.count == graph.edges.count)
        #expect(lines.filter { $0.contains("->") && $0.contains("color=red") }.count == Self.meanings[1].steps)
    }

    // MARK: Reading the exports back

    /// A Markdown table row's cells, with `\|` kept inside its cell.
    static func cells(_ row: String) -> [String] {
        let guarded = row.replacingOccurrences(of: "\\|", with: "\u{1}")
        let inner = guarded.dropFirst(2).dropLast(2)
        return String(inner).components(separatedBy: " | ").map { $0.replacingOccurrences(of: "\u{1}", with: "|") }
    }

    /// A text export's steps: each numbered line with the indented lines under it.
    static func stepBlocks(_ text: String) -> [[String]] {
        var blocks: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            if let dot = trimmed.firstIndex(of: "."), !trimmed[..<dot].isEmpty, trimmed[..<dot].allSatisfy(\.isNumber),
               trimmed[dot...].hasPrefix(". thread ") {
                blocks.append([line])
            } else if line.hasPrefix(" "), !blocks.isEmpty, !line.hasPrefix("  thread ") {
                blocks[blocks.count - 1].append(line)
            } else if line.isEmpty, !blocks.isEmpty {
                break
            }
        }
        return blocks
    }
}
