import DMAOwnEngine
import DMAOwnScenario
import Foundation
import Testing

@Suite struct ExportTests {
    static let cases: [(name: String, scenario: Scenario, first: Int)] = [
        ("s1-notifier", ExportFixture.s1, 0), ("s5-bind-first", ExportFixture.s5, 0), ("s5-claim-first", ExportFixture.s5, 1),
    ]

    func export(_ format: ExportFormat, _ s: Scenario, first: Int, graph: ExploredGraph? = nil) throws -> String {
        let (run, initial) = try ExportFixture.start(s)
        return try Exporter.export(format, scenario: s, run: run, initial: initial,
                                   schedule: try ExportFixture.schedule(s, first: first), graph: graph)
    }

    @Test(arguments: [ExportFormat.markdown, .mermaid, .json, .text], [0, 1, 2])
    func matchesGolden(format: ExportFormat, caseIndex: Int) throws {
        let c = Self.cases[caseIndex]
        let text = try export(format, c.scenario, first: c.first)
        let name = "\(c.name).\(format.fileExtension)"
        ExportFixture.updateGolden(name, text)
        let golden = try #require(ExportFixture.golden(name), "missing golden file \(name)")
        #expect(text == golden)
    }

    @Test(arguments: [ExportFormat.markdown, .mermaid, .text])
    func robinCaseLabelsMatchGolden(format: ExportFormat) throws {
        let s = ExportFixture.robin
        let (run, initial) = try ExportFixture.start(s)
        let text = try Exporter.export(format, scenario: s, run: run, initial: initial, schedule: ExportFixture.robinSchedule)
        let name = "robin-stale-owner.\(format.fileExtension)"
        ExportFixture.updateGolden(name, text)
        #expect(text == ExportFixture.golden(name))
        #expect(text.contains("case 2.a.i"))
        #expect(text.contains("stale-owner"))
    }

    @Test func dotMatchesGolden() throws {
        let s = ExportFixture.s5
        let text = try export(.dot, s, first: 0, graph: try ExportFixture.graph(s))
        ExportFixture.updateGolden("s5-bind-first.dot", text)
        #expect(text == ExportFixture.golden("s5-bind-first.dot"))
    }

    @Test func dotHighlightsExactlyThePath() throws {
        let s = ExportFixture.s5
        let schedule = try ExportFixture.schedule(s, first: 1)
        let (run, initial) = try ExportFixture.start(s)
        let text = try Exporter.export(.dot, scenario: s, run: run, initial: initial, schedule: schedule, graph: try ExportFixture.graph(s))
        let redEdges = text.split(separator: "\n").filter { $0.contains("->") && $0.contains("color=red") }
        #expect(redEdges.count == schedule.count)
    }

    @Test func dotRefusesLargeGraphsNamingTheLimitAndSize() throws {
        let s = ExportFixture.s5
        var g = try ExportFixture.graph(s)
        g.states += Array(repeating: g.states[0], count: DotExporter.maxStates + 1 - g.states.count)
        #expect(throws: ExportError.tooLarge(states: DotExporter.maxStates + 1, limit: DotExporter.maxStates)) {
            try export(.dot, s, first: 0, graph: g)
        }
        #expect(ExportError.tooLarge(states: 201, limit: 200).description.contains("201 states"))
    }

    @Test func aScheduleThatDoesNotFitIsRefused() throws {
        let s = ExportFixture.s5
        let (run, initial) = try ExportFixture.start(s)
        #expect(throws: ExportError.badSchedule(TimelineError(index: 0, message: "there is no thread 3"))) {
            try Exporter.export(.text, scenario: s, run: run, initial: initial, schedule: [(2, false)])
        }
        #expect(throws: ExportError.self) {
            try Exporter.export(.text, scenario: s, run: run, initial: initial, schedule: [(0, true)])
        }
    }

    @Test func jsonIsATraceNamingEveryStep() throws {
        let s = ExportFixture.s5
        let schedule = try ExportFixture.schedule(s, first: 1)
        let text = try export(.json, s, first: 1)
        let trace = try JSONDecoder().decode(Trace.self, from: Data(text.utf8))
        #expect(trace.steps.map(\.thread) == schedule.map { $0.thread + 1 })
        #expect(trace.operations == ["bind 0000:01:00.1 e1000e", "claim 7 qemu"])
        #expect(trace.scheme == .merged)
        // The scenario has no source text, so the trace carries it written out.
        #expect(trace.scenario == ScenarioWriter.toml(s))
    }

    @Test(arguments: [0, 1, 2])
    func mermaidMessagesAreBetweenDeclaredParticipants(caseIndex: Int) throws {
        let c = Self.cases[caseIndex]
        let text = try export(.mermaid, c.scenario, first: c.first)
        let report = MermaidStructure.check(text)
        #expect(report.problems == [])
        // One message per step, and one return per thread that finished.
        let (run, initial) = try ExportFixture.start(c.scenario)
        let timeline = try Timeline(run: run, initial: initial, schedule: try ExportFixture.schedule(c.scenario, first: c.first))
        let returned = run.operations.indices.filter { if case .done = run.status(of: $0, in: timeline.final) { true } else { false } }
        #expect(report.messages == timeline.entries.count + returned.count)
        #expect(report.participants.count == c.scenario.threads.count + 1)
    }

    @Test func mermaidHighlightsTheViolation() throws {
        let text = try export(.mermaid, ExportFixture.s1, first: 0)
        #expect(text.contains("rect rgb(255, 205, 205)"))
        #expect(text.contains("✗ isolation: e1000e on 0000:01:00.1 is doing DMA"))
        #expect(text.contains("✗ bug-on:"))
    }

    @Test func theStructureCheckCatchesAnUndeclaredParticipant() {
        let bad = "sequenceDiagram\n    participant T1 as T1 bind\n    T1->>G7: 1. step\n    Note over G9: x\n"
        #expect(MermaidStructure.check(bad).problems == [
            "line 3: message to undeclared participant 'G7'", "line 4: note over undeclared participant 'G9'",
        ])
    }

    @Test func markdownTableHasOneRowPerStep() throws {
        let s = ExportFixture.s5
        let text = try export(.markdown, s, first: 0)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.first(where: \.isNumber) != nil && !$0.hasPrefix("| #") }
        #expect(try rows.count == ExportFixture.schedule(s, first: 0).count)
    }

    @Test func firstCompleteScheduleFinishesEveryThread() throws {
        let (run, initial) = try ExportFixture.start(ExportFixture.s5)
        let timeline = try Timeline(run: run, initial: initial, schedule: Timeline.firstComplete(run: run, initial: initial))
        #expect(run.isFinished(timeline.final))
        #expect(timeline.entries.allSatisfy { $0.thread == 0 } == false)
    }
}

@Suite struct ExportEscapingTests {
    /// A title with every character the formats treat specially.
    static func scenario() -> Scenario {
        var s = ExportFixture.s5
        s.title = "a | b; c # d\nsecond line"
        return s
    }

    func export(_ format: ExportFormat) throws -> String {
        let s = Self.scenario()
        let (run, initial) = try ExportFixture.start(s)
        return try Exporter.export(format, scenario: s, run: run, initial: initial, schedule: try ExportFixture.schedule(s, first: 0))
    }

    @Test func mermaidKeepsTheTitleOnOneStatement() throws {
        let text = try export(.mermaid)
        #expect(text.contains("    title a | b#59; c #35; d second line (merged)\n"))
        #expect(MermaidStructure.check(text).problems == [])
    }

    @Test func markdownKeepsTheHeadingOnOneLine() throws {
        #expect(try export(.markdown).hasPrefix("# a \\| b; c # d second line\n"))
    }

    @Test func dotQuotesTheLabel() throws {
        #expect(try export(.dot).contains(#"label="a | b; c # d\nsecond line (merged): "#))
    }
}
