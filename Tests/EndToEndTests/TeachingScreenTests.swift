import Foundation
import Testing
import DMAOwnScenario

/// What a newcomer reads on screen when a race is decided, in a real terminal at three sizes:
/// the decision with its values on the step that made it, the violation's whole sentence, the
/// scenario's whole "what to try". Words, not positions, are asserted; text wrapped over lines is
/// joined before it is searched.
@Suite(.serialized, .needsTmux) struct TeachingScreenTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// The screen's text with line breaks, pane borders and runs of spaces folded to single spaces,
    /// so a sentence wrapped over rows (or framed by a box) reads as one.
    static func words(_ screen: String) -> String {
        let flat = screen.map { "│┌┐└┘─|".contains($0) ? " " : $0 == "\n" ? " " : $0 }
        return String(flat).split(separator: " ").joined(separator: " ")
    }

    @Test(arguments: sizes) func s5ShowsTheBindsDecisionOnTheStepThatMadeIt(width: Int, height: Int) throws {
        let t = try Tmux.dmaown(["s5-bind-vs-claim"], width: width, height: height)
        guard t.waitFor(words: "bind 0000:01:00.1 e1000e") else { return }
        // The claim opens the group (VFIO's front end), takes group->mutex and decides (owner_cnt 0:
        // it takes the group), then the bind runs to its ownership check.
        for k in ["2", "2", "2", "1", "1", "1", "1", "1", "1"] { t.send(k) }
        t.waitFor("the bind's decision with owner_cnt and -EBUSY") { screen in
            let w = Self.words(screen)
            return w.contains("step 9 of 9")
                && w.contains("owner_cnt 1 (qemu's claim)")
                && w.contains("→ -EBUSY (unwinding)")
                && w.contains("thread 1 iommu_device_use_default_domain")
        }
        #expect(t.screen().contains("-EBUSY"))
    }

    @Test func inTheOtherOrderTheClaimSaysWhyItGetsEPERM() throws {
        let t = try Tmux.dmaown(["s5-bind-vs-claim"], width: 120, height: 40)
        guard t.waitFor(words: "bind 0000:01:00.1 e1000e") else { return }
        for _ in 0..<8 { t.send("1") }
        guard t.waitFor(words: "step 8 of 8") else { return }
        t.send("2"); t.send("2"); t.send("2")
        t.waitFor("the claim's decision") { screen in
            let w = Self.words(screen)
            return w.contains("step 11 of 11") && w.contains("owner_cnt 1 (one kernel DMA-API user)") && w.contains("→ returns -EPERM")
        }
    }

    @Test(arguments: sizes) func notifierSteppedIntoTheViolationShowsTheWholeSentence(width: Int, height: Int) throws {
        let t = try Tmux.dmaown(["notifier-bug-on"], width: width, height: height)
        guard t.waitFor(words: "bind 0000:01:00.1 e1000e") else { return }
        let sentence = "isolation: e1000e on 0000:01:00.1 is doing DMA while group 7 is owned by qemu"
        // Step by hand, one key at a time, each step seen on screen before the next, until the
        // step that breaks isolation: its sentence must then be on screen whole.
        var seen = false
        for n in 1...12 where !seen {
            t.send("1")
            guard t.waitFor(words: "step \(n) of \(n)") else { return }
            seen = Self.words(t.screen()).contains(sentence)
        }
        #expect(seen, "no step showed '\(sentence)'; screen:\n\(t.screen())")
    }

    @Test func theWholeTryNoteIsReadableAt80x24() throws {
        let t = try Tmux.dmaown(["s5-bind-vs-claim"], width: 80, height: 24)
        guard t.waitFor(words: "bind 0000:01:00.1 e1000e") else { return }
        t.send("?")
        // The scenario's own text, so the test follows the file rather than a copy of it.
        let tryNote = try BuiltinScenarios.load("s5-bind-vs-claim").tryNote
        t.waitFor("the whole try note in the help") { Self.words($0).contains(tryNote) }
    }
}
