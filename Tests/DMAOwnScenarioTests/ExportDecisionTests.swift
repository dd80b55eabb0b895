import DMAOwnEngine
@testable import DMAOwnScenario
import Testing

/// Every export a person reads says each step's decision in the engine's own words, and the
/// trace keeps it for people while replay ignores it.
@Suite struct ExportDecisionTests {
    static func timeline(_ s: Scenario, first: Int) throws -> Timeline {
        let (run, initial) = try ExportFixture.start(s)
        return try Timeline(run: run, initial: initial, schedule: try ExportFixture.schedule(s, first: first))
    }

    @Test(arguments: [0, 1]) func textMarkdownAndMermaidCarryEveryDecision(first: Int) throws {
        let s = ExportFixture.s5
        let t = try Self.timeline(s, first: first)
        let decisions = t.entries.compactMap(\.decision)
        #expect(decisions.count >= 3, "S5's checks branch: \(decisions)")
        #expect(decisions.contains { $0.contains("→ returns -EPERM") || $0.contains("→ -EBUSY (unwinding)") })
        let text = TextExporter.render(s, t), markdown = MarkdownExporter.render(s, t), mermaid = MermaidExporter.render(s, t)
        for d in decisions {
            #expect(text.contains("decision: \(d)"))
            #expect(markdown.contains("| \(MarkdownExporter.cell(d)) |"))
            #expect(mermaid.contains("decision: \(MermaidExporter.text(d))"))
        }
    }

    @Test func traceEntriesCarryTheDecisionAndReplayIgnoresIt() throws {
        let s = ExportFixture.s5
        let t = try Self.timeline(s, first: 1)
        var trace = JSONExporter.trace(s, t)
        #expect(zip(trace.steps, t.entries).allSatisfy { $0.decision == $1.decision })
        let back = try Trace.decode(trace.json(), source: "t.json")
        #expect(back == trace)
        // A made-up decision changes nothing on replay: it is for people.
        for i in trace.steps.indices { trace.steps[i].decision = "anything" }
        let replayed = try TraceReplay.replay(trace)
        #expect(replayed.worlds.last == t.final)
    }
}
