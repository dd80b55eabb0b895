import Testing
import DMAOwnEngine
import DMAOwnScenario
@testable import DMAOwnTUI

/// Nothing the user did is dropped without a question: quitting, loading over a session, and
/// writing over a file all ask first.
@Suite struct ReducerUnsavedTests {
    @Test func undoneStepsStillCountAsUnsaved() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("2"), .char("u"), .char("u"))
        #expect(s.history.position == 0)
        #expect(s.hasUnsavedSteps, "the steps are in the redo tail")
        #expect(Fixture.press(&s, .char("q")).isEmpty)
        #expect(s.overlay == .confirmQuit)
        var jumped = Fixture.state()
        Fixture.press(&jumped, .char("1"), .char("1"), .tab, .char("g"))
        #expect(jumped.focus == .timeline && jumped.history.position == 0)
        #expect(Fixture.press(&jumped, .char("q")).isEmpty, "q after jumping to row 0 asks too")
    }

    @Test func savingOnAnEarlierRowLeavesTheUndoneStepsUnsaved() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"), .char("1"), .char("u"), .char("w"))
        Fixture.press(&s, .enter)
        App.update(&s, .saved(path: "dmaown-trace.json", error: nil))
        #expect(s.message?.text == "saved 2 steps to dmaown-trace.json (not the 1 step undone after them)")
        #expect(s.hasUnsavedSteps)
        Fixture.press(&s, .ctrl("r"), .char("w"))
        let effects = Fixture.press(&s, .enter)
        #expect(effects.first.map { if case .saveTrace(_, _, let overwrite) = $0 { overwrite } else { false } } == true,
                "the session's own file is replaced without asking")
        App.update(&s, .saved(path: "dmaown-trace.json", error: nil))
        #expect(!s.hasUnsavedSteps)
        #expect(Fixture.press(&s, .char("q")) == [.quit])
    }

    @Test func loadingOverUnsavedStepsAsksOnce() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("o"))
        #expect(Fixture.press(&s, .enter) == [.bell])
        guard case .prompt(let p) = s.overlay else { Issue.record("prompt closed"); return }
        #expect(p.confirming)
        #expect(s.message?.text.contains("unsaved steps would be lost") == true)
        #expect(Fixture.press(&s, .enter) == [.loadTrace(path: "dmaown-trace.json")])
        // Editing the path asks afresh.
        Fixture.press(&s, .char("o"), .enter, .char("x"))
        #expect(Fixture.press(&s, .enter) == [.bell])
    }

    @Test(arguments: [PathPrompt.Purpose.save, .export])
    func writingOverAnExistingFileAsksOnce(_ purpose: PathPrompt.Purpose) {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char(purpose == .save ? "w" : "e"))
        let first = Fixture.press(&s, .enter)
        let path = purpose == .save ? "dmaown-trace.json" : "dmaown-timeline.md"
        #expect(first.count == 1)
        let answer: Message = purpose == .save ? .saved(path: path, error: FileError("exists", exists: true))
            : .exported(path: path, error: FileError("exists", exists: true))
        #expect(App.update(&s, answer) == [.bell])
        guard case .prompt(let p) = s.overlay else { Issue.record("no question"); return }
        #expect(p.confirming && p.text == path)
        #expect(s.message?.text == "\(path) already exists: Enter again replaces it, Esc keeps it")
        let second = Fixture.press(&s, .enter)
        switch second.first {
        case .saveTrace(let p, _, let overwrite)?: #expect(p == path && overwrite)
        case .writeExport(let p, _, let overwrite)?: #expect(p == path && overwrite)
        default: Issue.record("no second write: \(second)")
        }
        #expect(s.hasUnsavedSteps, "nothing is saved until the write succeeds")
    }
}
