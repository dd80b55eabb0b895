import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

/// Stepping from an earlier row starts a branch and keeps the old future: the branch list shows
/// both, `[`/`]` and the list switch between them, and redo walks the branch switched to.
@Suite struct BranchTests {
    /// S5 with the bind run to the end and then the claim: the original future.
    static func original() -> AppState {
        var s = Fixture.state()
        Fixture.finish(&s, thread: 0)
        Fixture.finish(&s, thread: 1)
        return s
    }

    /// Two binds in two groups, taking turns to the end: neither waits for the other, so three
    /// rows before the end both threads can still step.
    static func interleaved() -> AppState {
        let topo = Topology.make(groups: [(7, [Fixture.a, Fixture.b]), (8, ["0000:02:00.0"])],
                                 drivers: [.init(name: "e1000e", managedDMA: false)], owners: [])
        let scenario = Scenario(title: "two binds", scheme: .merged, topology: topo,
                                threads: [Fixture.op("bind \(Fixture.b) e1000e", topo), Fixture.op("bind 02:00.0 e1000e", topo)],
                                source: "test:two-binds", text: "")
        var s = Fixture.state(scenario)
        var t = 0
        for _ in 0..<100 {
            if case .runnable = s.run.status(of: t, in: s.world) { Fixture.press(&s, .char(Character(String(t + 1)))) }
            else if case .runnable = s.run.status(of: 1 - t, in: s.world) { Fixture.press(&s, .char(Character(String(2 - t)))) }
            else { break }
            t = 1 - t
        }
        return s
    }

    @Test func theOldFutureComesBackAndRedoWalksIt() throws {
        var s = Self.interleaved()
        let future = s.history.worlds
        let end = s.history.position
        try #require(end > 4)
        // Go back three rows in the timeline and step the other thread than the one the row took.
        s.focus = .timeline
        #expect(s.focus == .timeline)
        Fixture.press(&s, .char("k"), .char("k"), .char("k"))
        let fork = s.history.position
        #expect(fork == end - 3)
        let next = s.history.choices[fork].thread
        let other = next == 0 ? 1 : 0
        guard case .runnable = s.run.status(of: other, in: s.world) else {
            Issue.record("thread \(other + 1) cannot step at row \(fork)"); return
        }
        Fixture.press(&s, .char(Character(String(other + 1))))
        #expect(s.history.branch == 2)
        #expect(s.history.branchNumbers == [1, 2])
        #expect(s.history.choices.count == fork + 1)
        #expect(s.world != future[fork])

        // Back to the first branch with the list: it opens at the row where the branches part.
        Fixture.press(&s, .char("b"))
        #expect(s.overlay == .branches(selected: 1))
        Fixture.press(&s, .char("k"), .enter)
        #expect(s.overlay == nil)
        #expect(s.history.branch == 1)
        #expect(s.history.position == fork)
        Fixture.press(&s, .ctrl("r"))
        #expect(s.world == future[fork])
        while !Fixture.press(&s, .ctrl("r")).contains(.bell) {}
        #expect(s.history.position == end)
        #expect(s.world == future[end - 1])
        #expect(s.history.worlds == future)

        // The second branch is kept too, and `]` goes there.
        Fixture.press(&s, .char("]"))
        #expect(s.history.branch == 2)
        #expect(s.history.choices.count == fork + 1)
        #expect(s.history.choices.last == Choice(thread: other))
    }

    @Test func theBranchListSaysHowEachBranchEnds() throws {
        var s = Self.original()
        s.focus = .timeline
        Fixture.press(&s, .char("g"))
        Fixture.finish(&s, thread: 1)
        Fixture.finish(&s, thread: 0)
        let rows = s.history.branchSummaries(run: s.run)
        #expect(rows.map(\.number) == [1, 2])
        #expect(rows.map(\.isCurrent) == [false, true])
        #expect(rows[0].results == ["0", "-EPERM"])
        #expect(rows[1].results == ["-EBUSY", "0"])
        #expect(rows[0].shared == 0)
        // The list draws each branch's results in words.
        Fixture.press(&s, .char("b"))
        let screen = Snapshot.text(App.render(s, size: Size(width: 120, height: 40), glyphs: .unicode))
        #expect(screen.contains("branch 1 (parts at row 0)"))
        #expect(screen.contains("T1 0, T2 -EPERM"))
        #expect(screen.contains("T1 -EBUSY, T2 0"))
    }

    @Test func steppingAlongAKeptBranchAgainDoesNotCopyIt() {
        var s = Self.original()
        let n = s.history.choices.count
        s.focus = .timeline
        Fixture.press(&s, .char("g"))
        Fixture.press(&s, .char("2"))
        #expect(s.history.branchNumbers == [1, 2])
        Fixture.press(&s, .char("g"))
        // The first step of branch 1 was thread 1's: taking it again walks branch 1.
        Fixture.press(&s, .char("1"))
        #expect(s.history.branchNumbers == [1, 2])
        #expect(s.history.branch == 1)
        #expect(s.history.choices.count == n)
    }

    @Test func aSavedTraceHoldsTheBranchOnScreen() {
        var s = Self.original()
        s.focus = .timeline
        Fixture.press(&s, .char("g"), .char("2"))
        let trace = TraceBridge.make(s)
        #expect(trace.steps.map(\.thread) == [2])
        Fixture.press(&s, .char("["))
        Fixture.press(&s, .char("G"))
        #expect(TraceBridge.make(s).steps.count == s.history.choices.count)
    }

    @Test func withOneBranchTheKeysSaySo() {
        var s = Fixture.state()
        #expect(Fixture.press(&s, .char("]")) == [.bell])
        #expect(s.message?.text.contains("only one branch") == true)
    }

    @Test func branchesSurviveASchemeSwitchAndComeBackWhole() {
        var s = Self.original()
        s.focus = .timeline
        Fixture.press(&s, .char("g"), .char("2"))
        let before = s.history
        #expect(before.branchNumbers == [1, 2])
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "scheme v6")
        Fixture.press(&s, .enter)
        #expect(s.scheme == .v6)
        #expect(s.history.branchNumbers == [1, 2])
        #expect(s.history.branch == 2)
        let header = Snapshot.text(App.render(s, size: Size(width: 120, height: 40), glyphs: .unicode)).prefix(120)
        #expect(header.contains("branch 2 of 2"))
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "scheme merged")
        Fixture.press(&s, .enter)
        #expect(s.history == before)
    }
}
