import Testing
import DMAOwnEngine
import DMAOwnScenario
@testable import DMAOwnTUI

/// `e` exports the timeline in the format its file name asks for; `p` opens a built-in scenario.
@Suite struct ReducerExportPickerTests {
    @Test func exportRendersTheTimelineUpToTheSelectedRow() throws {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"), .char("2"))
        Fixture.press(&s, .char("e"))
        guard case .prompt(let p) = s.overlay, p.purpose == .export else { Issue.record("no export prompt"); return }
        Fixture.press(&s, .ctrl("u"))
        Fixture.type(&s, "race.mmd")
        let effects = Fixture.press(&s, .enter)
        guard case .writeExport(let path, let text, _) = effects.first else { Issue.record("no write: \(effects)"); return }
        #expect(path == "race.mmd")
        #expect(text.hasPrefix("sequenceDiagram"))
        #expect(text.contains("3. ") && !text.contains("4. "), "three steps exported")
        #expect(s.overlay == nil)
        #expect(s.exportPath == "race.mmd")
        #expect(s.tracePath == "dmaown-trace.json", "an export is not a trace save")
        #expect(s.hasUnsavedSteps, "exporting does not save the session")
        Fixture.press(&s, .char("u"), .char("e"))
        guard case .prompt(let again) = s.overlay else { Issue.record("no second prompt"); return }
        #expect(again.text == "race.mmd", "the prompt offers the last export's path")
        guard case .writeExport(_, let shorter, _) = Fixture.press(&s, .enter).first else { Issue.record("no second write"); return }
        #expect(shorter.contains("2. ") && !shorter.contains("3. "), "after undo only two steps")
    }

    @Test(arguments: [("t.md", "# "), ("t.txt", "thread 1"), ("t.json", "\"steps\""), ("t.dot", "digraph")])
    func theExtensionPicksTheFormat(_ name: String, _ marker: String) {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("e"), .ctrl("u"))
        Fixture.type(&s, name)
        guard case .writeExport(_, let text, _) = Fixture.press(&s, .enter).first else { Issue.record("no write"); return }
        #expect(text.contains(marker))
    }

    @Test func anUnknownExtensionKeepsThePromptOpen() {
        var s = Fixture.state()
        Fixture.press(&s, .char("e"), .ctrl("u"))
        Fixture.type(&s, "timeline.pdf")
        #expect(Fixture.press(&s, .enter) == [.bell])
        guard case .prompt(let p) = s.overlay else { Issue.record("prompt closed"); return }
        #expect(p.text == "timeline.pdf")
        #expect(s.message?.kind == .error)
    }

    @Test func exportResultsAreReportedWithoutMarkingTheSessionSaved() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"))
        App.update(&s, .exported(path: "x.md", error: nil))
        #expect(s.message == StatusMessage(.info, "exported 1 step to x.md"))
        #expect(s.hasUnsavedSteps)
        #expect(App.update(&s, .exported(path: "x.md", error: FileError("x.md already exists"))) == [.bell])
        #expect(s.message?.kind == .error)
    }

    @Test func pickerOpensABuiltInScenarioKeepingTheLook() throws {
        var s = Fixture.state(try BuiltinScenarios.load("s5-bind-vs-claim"))
        s.themeIndex = 1
        Fixture.press(&s, .char("p"))
        guard case .picker(let p) = s.overlay else { Issue.record("no picker"); return }
        #expect(p.entries.map(\.name) == BuiltinScenarios.all.map(\.name))
        #expect(p.entries[p.selected].name == "s5-bind-vs-claim", "the open scenario is selected")
        Fixture.press(&s, .up, .up, .up, .up, .enter)
        #expect(s.overlay == nil)
        #expect(s.scenario.source == "built-in:s1-vfio-owns-sibling-binds")
        #expect(s.run.operations.count == s.scenario.threads.count)
        #expect(s.history.position == 0)
        #expect(s.themeIndex == 1)
    }

    @Test func pickerAsksOnceBeforeDroppingUnsavedSteps() throws {
        var s = Fixture.state(try BuiltinScenarios.load("s5-bind-vs-claim"))
        Fixture.press(&s, .char("1"))
        Fixture.press(&s, .char("p"), .down)
        #expect(Fixture.press(&s, .enter) == [.bell])
        #expect(s.scenario.source == "built-in:s5-bind-vs-claim", "nothing replaced yet")
        guard case .picker = s.overlay else { Issue.record("picker closed"); return }
        Fixture.press(&s, .down)
        #expect(Fixture.press(&s, .enter) == [.bell], "moving asks again")
        Fixture.press(&s, .enter)
        #expect(s.scenario.source == "built-in:s7-release-then-bind")
        Fixture.press(&s, .char("p"), .escape)
        #expect(s.overlay == nil)
    }
}
