import Testing
import DMAOwnEngine
import DMAOwnExplorer
@testable import DMAOwnTUI

@Suite struct ReducerSteppingTests {
    @Test func numberKeyStepsThatThread() {
        var s = Fixture.state()
        let pc0 = s.world[thread: 1].pc
        Fixture.press(&s, .char("2"))
        #expect(s.history.position == 1)
        #expect(s.history.choices == [Choice(thread: 1)])
        #expect(s.world[thread: 1].pc != pc0 || s.world[thread: 1].done)
        #expect(s.selectedThread == 1)
    }

    @Test func enterAndSpaceStepTheSelectedThread() {
        var s = Fixture.state()
        Fixture.press(&s, .down, .enter, .char(" "))
        #expect(s.history.choices == [Choice(thread: 1), Choice(thread: 1)])
    }

    @Test func s5BindFirstThenClaimIsRefusedWithEPERM() {
        var s = Fixture.state()
        Fixture.finish(&s, thread: 0)
        Fixture.finish(&s, thread: 1)
        #expect(Fixture.result(s, 0) == "0")
        #expect(Fixture.result(s, 1) == "-EPERM")
        #expect(s.message?.text.contains("-EPERM") == true)
    }

    @Test func s5ClaimFirstThenBindIsRefusedWithEBUSY() {
        var s = Fixture.state()
        Fixture.finish(&s, thread: 1)
        Fixture.finish(&s, thread: 0)
        #expect(Fixture.result(s, 1) == "0")
        #expect(Fixture.result(s, 0) == "-EBUSY")
    }

    @Test func steppingABlockedThreadRingsAndSaysWhoHoldsTheLock() {
        var s = Fixture.state()
        // T2's claim opens the VFIO group, then takes the group mutex; T1 then reaches its own mutex step.
        Fixture.press(&s, .char("2"), .char("2"))
        var effects: [Effect] = []
        for _ in 0..<8 where effects.isEmpty { effects = Fixture.press(&s, .char("1")) }
        #expect(effects == [.bell])
        #expect(s.message?.kind == .error)
        #expect(s.message?.text.contains("held by thread 2") == true)
    }

    @Test func stepsPastTheLastThreadOrAfterDoneAreRefused() {
        var s = Fixture.state()
        #expect(Fixture.press(&s, .char("9")) == [.bell])
        Fixture.finish(&s, thread: 1)
        #expect(Fixture.press(&s, .char("2")) == [.bell])
        #expect(s.message?.text.contains("done") == true)
    }

    @Test func failureKeyTakesTheFailureBranchOnlyAtMayFailSteps() {
        var s = Fixture.state(Fixture.flaky())
        #expect(Fixture.press(&s, .char("f")) == [.bell])  // device_lock: not a choice point
        #expect(s.history.position == 0)
        while case .runnable(_, false) = s.run.status(of: 0, in: s.world) { Fixture.press(&s, .enter) }
        let before = s.history.position
        #expect(Fixture.press(&s, .char("f")).isEmpty)
        #expect(s.history.choices.last == Choice(thread: 0, fail: true))
        #expect(s.history.position == before + 1)
        Fixture.finish(&s, thread: 0)
        #expect(Fixture.result(s, 0) == "-EINVAL")
    }

    @Test func undoRedoWithBothKeys() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"), .char("2"))
        let after3 = s.world
        Fixture.press(&s, .char("u"))
        #expect(s.history.position == 2)
        Fixture.press(&s, .backspace)
        #expect(s.history.position == 1)
        #expect(s.world == s.history.world(at: 1))
        Fixture.press(&s, .ctrl("r"), .ctrl("r"))
        #expect(s.world == after3)
        #expect(Fixture.press(&s, .ctrl("r")) == [.bell])
        Fixture.press(&s, .char("u"), .char("u"), .char("u"))
        #expect(Fixture.press(&s, .char("u")) == [.bell])
        #expect(s.world == s.history.initial)
    }

    @Test func timelineRowShowsThatWorldAndSteppingBranches() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"), .char("1"))
        Fixture.press(&s, .tab)  // threads → timeline
        #expect(s.focus == .timeline)
        Fixture.press(&s, .up, .char("k"))
        #expect(s.history.position == 1)
        #expect(s.world == s.history.world(at: 1))
        #expect(s.history.choices.count == 3)  // the tail is kept until a step branches
        Fixture.press(&s, .char("j"))
        #expect(s.history.position == 2)
        Fixture.press(&s, .char("k"), .char("2"))
        #expect(s.history.choices == [Choice(thread: 0), Choice(thread: 1)])
        #expect(s.history.position == 2)
    }

    @Test func randomStepAndRunAreRepeatableFromTheSeed() {
        var a = Fixture.state(seed: 42), b = Fixture.state(seed: 42)
        Fixture.press(&a, .char("r"))
        #expect(a.history.position == 1)
        Fixture.press(&a, .char("R"))
        Fixture.press(&b, .char("r"), .char("R"))
        #expect(a.history.choices == b.history.choices)
        #expect(a.run.isFinished(a.world))
        #expect(Fixture.press(&a, .char("r")) == [.bell])
        #expect(a.message?.text.contains("finished") == true)
    }

    @Test func randomRunsWithDifferentSeedsReachBothS5Outcomes() {
        var outcomes: Set<[String]> = []
        for seed in 1...40 {
            var s = Fixture.state(seed: UInt64(seed))
            Fixture.press(&s, .char("R"))
            outcomes.insert([Fixture.result(s, 0) ?? "?", Fixture.result(s, 1) ?? "?"])
        }
        #expect(outcomes == [["0", "-EPERM"], ["-EBUSY", "0"]])
    }

    @Test func violationNamesTheInvariantAndCulprit() {
        var s = Fixture.state(Fixture.s1(scheme: .notifier))
        var sawIsolation = false
        while case .runnable = s.run.status(of: 0, in: s.world) {
            Fixture.press(&s, .char("1"))
            if s.message?.kind == .violation, s.message?.text.contains("isolation") == true,
               s.message?.text.contains("e1000e on 0000:01:00.1") == true { sawIsolation = true }
        }
        #expect(sawIsolation)
        #expect(s.run.broken(in: s.world).contains(InvariantSet(.bugOn)))
    }
}

extension ReducerSteppingTests {
    @Test func randomRunNamesTheFirstViolationOnTheWay() {
        var s = Fixture.state(Fixture.s1(scheme: .notifier))
        Fixture.press(&s, .char("R"))
        #expect(s.run.isFinished(s.world))
        #expect(s.message?.kind == .violation)
        #expect(s.message?.text.contains("isolation") == true)
        #expect(s.message?.text.contains("step 6") == true)
    }
}
