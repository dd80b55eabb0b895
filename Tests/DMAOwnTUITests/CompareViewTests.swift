import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

/// The split view (`c`): the schedule on screen replayed under a second scheme, followed step by
/// step, with the rows that went otherwise there said in words.
@Suite struct CompareViewTests {
    /// S5 with the bind first under merged: the claim is refused (-EPERM).
    static func s5BindFirst(_ scheme: SchemeID = .merged) -> AppState {
        var s = Fixture.state(Fixture.s5(scheme: scheme))
        Fixture.finish(&s, thread: 0)
        Fixture.finish(&s, thread: 1)
        return s
    }

    @Test func cPicksTheSchemeAndStepsApplyToBoth() throws {
        var s = Fixture.state()
        Fixture.press(&s, .char("c"))
        guard case .picker(let p) = s.overlay else { Issue.record("no picker"); return }
        #expect(p.purpose == .compare)
        #expect(p.entries[p.selected].name == "robin")
        // The digit picks notifier.
        Fixture.press(&s, .char("1"))
        let c = try #require(s.compare)
        #expect(c.scheme == .notifier)
        #expect(s.focus == .timeline)
        Fixture.press(&s, .char("1"))
        let after = try #require(s.compare)
        #expect(after.positions.count == 2)
        #expect(after.positions[1] >= 1)
        Fixture.press(&s, .char("u"))
        #expect(s.compare?.positions.count == 2)  // the redo tail is followed too
        #expect(s.compare.map { $0.world(atRow: s.history.position) } == s.compare?.history.initial)
        Fixture.press(&s, .char("c"))
        #expect(s.compare == nil)
    }

    @Test func theSchemeOnScreenCannotBeComparedWithItself() {
        var s = Fixture.state()
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "compare merged")
        #expect(Fixture.press(&s, .enter) == [.bell])
        #expect(s.compare == nil)
        #expect(s.message?.text.contains("is the scheme on screen") == true)
    }

    @Test func aResultThatDiffersIsSaidAtItsRow() throws {
        // S5, bind first: merged refuses the claim with -EPERM (a kernel driver is bound); under
        // the notifier scheme VFIO's checks let it through.
        var s = Self.s5BindFirst()
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "compare notifier")
        Fixture.press(&s, .enter)
        let c = try #require(s.compare)
        #expect(c.notes.count == s.history.choices.count)
        let last = try #require(c.notes.last ?? nil)
        let other = try #require(c.run.result(of: 1, in: c.world(atRow: s.history.position)))
        #expect(other != "-EPERM")
        #expect(last.contains("T2 returns -EPERM here, \(other) under notifier"))
        let diffs = CompareView.differences(s, c)
        #expect(diffs.contains("T2 claim 7 qemu: done -EPERM (merged) | done \(other) (notifier)"))
        let screen = Snapshot.text(App.render(s, size: Size(width: 120, height: 40), glyphs: .unicode))
        #expect(screen.contains("merged (on screen)") && screen.contains("notifier (compared)"))
        #expect(screen.contains("≠ T2 claim 7 qemu: done -EPERM (merged) | done \(other) (notifier)"))
        #expect(screen.contains("≠ T2 returns -EPERM here"))
    }

    @Test func aStepThatBlocksThereIsSaid() throws {
        // robin-locked's release scan takes the sibling's device_lock, which the bind holds: there
        // the unbind blocks at its scan; on screen (robin, a lockless scan) it runs to its end.
        var scenario = try BuiltinScenarios.load("robin-locked-deadlock")
        scenario.scheme = .robin
        var s = Fixture.state(scenario)
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "compare robin-locked")
        Fixture.press(&s, .enter)
        Fixture.press(&s, .char("2"))
        Fixture.finish(&s, thread: 0)
        #expect(Fixture.result(s, 0) == "0")
        let c = try #require(s.compare)
        let blocked = c.notes.compactMap { $0 }.filter { $0.hasPrefix("T1 blocks under robin-locked: ") }
        #expect(!blocked.isEmpty, "notes: \(c.notes)")
        #expect(c.notes.last??.contains("T1 returns 0 here; under robin-locked it blocks") == true, "notes: \(c.notes)")
        #expect(zip(c.positions, c.positions.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func atTheStartBothSidesAreTheSameAndSaySo() throws {
        var s = Fixture.state()
        s.compare = try CompareSession.make(s, scheme: .v6).get()
        let c = try #require(s.compare)
        #expect(CompareView.differences(s, c) == [])
        let screen = Snapshot.text(App.render(s, size: Size(width: 120, height: 40), glyphs: .unicode))
        #expect(screen.contains("Row 0: the same under both"))
        #expect(!screen.contains("│ ≠ "))
    }

    @Test func theSplitViewFitsTheSmallestScreenAndABusyMachine() throws {
        for name in ["robin-stale-owner", "busy-machine"] {
            var s = Fixture.builtin(name)
            Fixture.press(&s, .char("r"), .char("r"), .char("r"))
            s.compare = try CompareSession.make(s, scheme: s.scheme == .merged ? .robin : .merged).get()
            for size in [App.minimumSize, Size(width: 81, height: 25), Size(width: 200, height: 60)] {
                let screen = Snapshot.text(App.render(s, size: size, glyphs: .ascii))
                #expect(screen.contains("(compared)"), "\(name) at \(size.width)x\(size.height):\n\(screen)")
                #expect(screen.contains("Schedule under"), "\(name) at \(size.width)x\(size.height):\n\(screen)")
            }
        }
    }
}
