import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

/// Details a person reading the screen relies on: errors visible where the eye is, cut text that
/// says it was cut, nothing hidden without a word, only ASCII on a non-UTF-8 terminal.
@Suite struct RenderDetailsTests {
    static func screen(_ s: AppState, _ size: Size = App.minimumSize, _ glyphs: Glyphs = .unicode) -> String {
        Snapshot.text(App.render(s, size: size, glyphs: glyphs))
    }

    @Test func aRejectedCommandLineShowsItsErrorWhileThePromptStaysOpen() {
        var s = Fixture.state()
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "bogus")
        #expect(Fixture.press(&s, .enter) == [.bell])
        let text = Self.screen(s, Size(width: 160, height: 30))
        #expect(text.contains(":bogus_"), "the prompt is still there")
        #expect(text.contains("✘ unknown operation 'bogus'"), "and the error above it:\n\(text)")
        #expect(text.contains("or scheme NAME, seed N"))
    }

    @Test func aBadExportNameShowsWhyAboveThePrompt() {
        var s = Fixture.state()
        Fixture.press(&s, .char("e"), .ctrl("u"))
        Fixture.type(&s, "t.xyz")
        Fixture.press(&s, .enter)
        let text = Self.screen(s, Size(width: 120, height: 30))
        #expect(text.contains("export timeline to"))
        #expect(text.contains("end the name in .md, .mmd, .dot, .json or .txt"))
    }

    @Test func aStaleErrorIsGoneWhenAPromptOpens() {
        var s = Fixture.state()
        s.message = StatusMessage(.error, "old trouble")
        Fixture.press(&s, .char("w"))
        #expect(!Self.screen(s).contains("old trouble"))
    }

    @Test func theKeyHintLineHoldsOnlyWholeHints() {
        for width in [80, 100, 120, 200] {
            for pane in Pane.allCases {
                var s = Fixture.state()
                s.focus = pane
                let line = Self.screen(s, Size(width: width, height: 30)).split(separator: "\n").last.map(String.init) ?? ""
                let shown = line.components(separatedBy: ": ").dropFirst().joined(separator: ": ").components(separatedBy: "  ")
                #expect(!shown.isEmpty)
                for hint in shown { #expect(KeyTable.hints(for: pane).contains(hint), "'\(hint)' at \(width) is not a whole hint") }
            }
        }
    }

    @Test func aLongMessageWrapsOntoThreeLinesThenEndsInAnEllipsis() {
        var s = Fixture.state()
        s.message = StatusMessage(.info, String(repeating: "word ", count: 40))
        let wrapped = Self.screen(s).split(separator: "\n").map(String.init).dropLast(2).suffix(3)
        #expect(wrapped.allSatisfy { $0.contains("word word") }, "200 characters take three lines at 80 columns: \(wrapped)")
        s.message = StatusMessage(.info, String(repeating: "word ", count: 80))
        let line = Self.screen(s).split(separator: "\n").dropLast(2).last.map(String.init) ?? ""
        #expect(line.hasSuffix("…"), "\(line)")
    }

    @Test func asciiScreensCarryNoOtherCharacterEvenInMessages() {
        var s = Fixture.state()
        s.message = StatusMessage(.info, "saving x… → 80×24 — done")
        let buf = App.render(s, size: App.minimumSize, glyphs: .ascii)
        #expect(buf.cells.allSatisfy { $0.character.isASCII })
        #expect(Snapshot.text(buf).contains("saving x. > 80x24 - done"))
    }

    @Test func threadsScrolledOutOfViewAreAnnounced() throws {
        var s = try AppState(scenario: BuiltinScenarios.load("busy-machine"))
        #expect(s.run.operations.count >= 5)
        let text = Self.screen(s)
        #expect(text.contains("Threads 1-"), "\(text)")
        #expect(text.contains("of \(s.run.operations.count), j/k for more"))
        s.selectedThread = s.run.operations.count - 1
        #expect(Self.screen(s).contains("-\(s.run.operations.count) of \(s.run.operations.count)"))
        #expect(!Self.screen(Fixture.state()).contains(" of 2,"), "two threads fit: no note")
    }

    @Test func mouseTogglingSaysWhatItDoes() {
        var s = Fixture.state()
        #expect(Fixture.press(&s, .char("m")) == [.setMouse(true)])
        #expect(s.message?.text.hasPrefix("mouse on") == true)
        #expect(Fixture.press(&s, .char("m")) == [.setMouse(false)])
        #expect(s.message?.text.hasPrefix("mouse off") == true)
    }

    @Test func helpScrollsToItsEndAndBack() {
        var s = Fixture.state()
        Fixture.press(&s, .char("?"), .char("G"))
        #expect(s.helpScroll == HelpOverlay.lines(s).count - 1)
        Fixture.press(&s, .char("g"))
        #expect(s.helpScroll == 0)
        Fixture.press(&s, .end)
        #expect(s.helpScroll > 0)
        #expect(HelpOverlay.lines(s).contains { $0.key.contains("4.a.i") }, "the help explains Robin's cases")
    }

    @Test func explorerResultsWithoutViolationsStillOfferTheOutcomes() {
        var s = Fixture.state()
        // Made by hand: an outcome listed with no schedule kept for it, so Enter has nothing to load.
        let e = Exploration(complete: true, states: 10, transitions: 12, seconds: 0.01, peakBytes: 0, violations: [],
                            outcomes: [Outcome(results: ["0", "-EPERM"], schedules: 3)])
        s.explorerRunning = true
        App.update(&s, .background(job: s.explorerJobID, .finished(e)))
        let text = Self.screen(s, Size(width: 120, height: 40))
        #expect(text.contains("Explorer results — j/k pick, Enter loads"))
        #expect(text.contains("no invariant broken in any interleaving"))
        #expect(text.contains("explored from selected row 0 (initial world); f: from the start"))
        #expect(Fixture.press(&s, .enter) == [.bell])
        #expect(s.message?.text.contains("kept no schedule") == true)
        #expect(s.history.choices.isEmpty)
    }

    /// The counting pass has a line of its own, so the long phrase for folded threads is not cut
    /// at 100 columns, and it says whether threads were folded in `check`'s words.
    @Test func explorerResultsGiveTheCountingPassItsOwnLine() {
        var s = Fixture.state()
        var e = Exploration(complete: true, states: 105, transitions: 119, seconds: 0.01, peakBytes: 0, violations: [],
                            outcomes: [Outcome(results: ["0", "-EPERM"], schedules: 3)], countingStates: 80)
        e.countingSymmetry = [[0, 1]]
        e.countingFolded = true
        s.explorerRunning = true
        App.update(&s, .background(job: s.explorerJobID, .finished(e)))
        let text = Self.screen(s, Size(width: 100, height: 30))
        #expect(text.contains("complete: 105 states, 119 transitions, 10 ms"), "\(text)")
        #expect(text.contains("schedules counted over 80 unreduced states, swaps of identical threads taken as one"), "\(text)")
        e.countingFolded = false
        s.explorerRunning = true
        App.update(&s, .background(job: s.explorerJobID, .finished(e)))
        let plain = Self.screen(s, Size(width: 100, height: 30))
        #expect(plain.contains("schedules counted over 80 unreduced states "), "\(plain)")
        #expect(!plain.contains("identical threads"))
    }

    @Test func explorerResultsShowTheSelectedViolationInFull() {
        var s = Fixture.state()
        let long = "isolation: " + String(repeating: "e1000e does DMA while qemu owns the group ", count: 3)
        let e = Exploration(complete: true, states: 10, transitions: 12, seconds: 0.01, peakBytes: 0,
                            violations: [Counterexample(invariant: .isolation, message: long, schedule: [Choice(thread: 0)])],
                            outcomes: [Outcome(results: ["0", "-EPERM"], schedules: 3)])
        s.explorerRunning = true
        App.update(&s, .background(job: s.explorerJobID, .finished(e)))
        let text = Self.screen(s, Size(width: 100, height: 30))
        #expect(text.contains("j/k pick, Enter loads"))
        let words = text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(words.contains(long.split(separator: " ").joined(separator: " ").trimmingCharacters(in: .whitespaces)), "the message wraps in full:\n\(text)")
    }
}
