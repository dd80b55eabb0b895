import DMAOwnEngine
import DMAOwnScenario
import Foundation
import Testing

/// Every built-in scenario exports in every format, along one complete schedule, and its Mermaid
/// diagram is well formed: the library is what people will paste into reviews first.
@Suite struct ExportBuiltinTests {
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func exportsInEveryFormat(name: String) throws {
        let s = try BuiltinScenarios.load(name)
        let (run, initial) = try s.prepare().get()
        let schedule = Timeline.firstComplete(run: run, initial: initial)
        let timeline = try Timeline(run: run, initial: initial, schedule: schedule)

        let mermaid = try Exporter.export(.mermaid, scenario: s, run: run, initial: initial, schedule: schedule)
        let structure = MermaidStructure.check(mermaid)
        #expect(structure.problems == [])
        #expect(structure.participants.filter { $0.hasPrefix("T") }.count == run.operations.count)

        let markdown = try Exporter.export(.markdown, scenario: s, run: run, initial: initial, schedule: schedule)
        #expect(markdown.hasPrefix("# \(s.title)\n"))
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") }
        #expect(rows.count == timeline.entries.count)

        let json = try Exporter.export(.json, scenario: s, run: run, initial: initial, schedule: schedule)
        let replayed = try TraceReplay.replay(Trace.decode(json, source: name))
        #expect(replayed.worlds.last == timeline.final)

        let text = try Exporter.export(.text, scenario: s, run: run, initial: initial, schedule: schedule)
        #expect(text.split(separator: "\n").filter { $0.contains(". thread ") }.count == timeline.entries.count)

        let dot = try Exporter.export(.dot, scenario: s, run: run, initial: initial, schedule: schedule)
        #expect(dot.split(separator: "\n").filter { $0.contains(" -> ") }.count == timeline.entries.count)
    }
}
