import DMAOwnEngine
import DMAOwnExplorer
import Testing
@testable import DMAOwnTUI

/// Issue 14: the explorer's verdict shows as soon as it is known; the schedule counts follow in
/// the background and update the overlay when they arrive, without reopening one the user closed.
@Suite struct ExplorerVerdictFirstTests {
    /// The real verdict and the real counted result of the state's run.
    static func results(_ s: AppState) -> (verdict: Exploration, counted: Exploration) {
        let job = s.explorerJob
        let verdict = Explorer(run: job.run, world: job.world, options: .init(countSchedules: false)).explore()
        let counted = Explorer(run: job.run, world: job.world).explore()
        return (verdict, counted)
    }

    @Test func theVerdictShowsFirstAndTheCountsReplaceIt() throws {
        var s = Fixture.state(Fixture.s5())
        let (verdict, counted) = Self.results(s)
        #expect(!verdict.schedulesCounted && counted.schedulesCounted)
        Fixture.press(&s, .char("x"))
        App.update(&s, .background(job: s.explorerJobID, .verdict(verdict)))
        #expect(s.explorerRunning, "the counting pass is still running")
        guard case .explorer(let shown) = s.overlay else { Issue.record("no explorer overlay after the verdict"); return }
        #expect(shown.result == verdict && shown.counting)
        #expect(s.message?.text.contains("counting schedules in the background") == true)
        #expect(OverlayViews.outcomeLines(verdict, run: s.run, counting: true).allSatisfy { $0.hasSuffix("(counting…)") })
        // Pick the last outcome row while counting: the pick follows its outcome when the counts
        // reorder the rows (most frequent first).
        let outcomeRows = ExplorerRow.rows(verdict).filter { if case .outcome = $0 { true } else { false } }
        try #require(outcomeRows.count > 1, "s5 has one outcome: the carried pick is not tested")
        while case .explorer(let v) = s.overlay, v.selected < outcomeRows.count - 1 { Fixture.press(&s, .char("j")) }
        guard case .explorer(let picked) = s.overlay, case .outcome(let i) = ExplorerRow.rows(verdict)[picked.selected] else {
            Issue.record("no outcome row picked"); return
        }
        App.update(&s, .background(job: s.explorerJobID, .finished(counted)))
        #expect(!s.explorerRunning)
        guard case .explorer(let done) = s.overlay else { Issue.record("the counts closed the overlay"); return }
        #expect(done.result == counted && !done.counting)
        guard case .outcome(let j) = ExplorerRow.rows(counted)[done.selected] else { Issue.record("the pick left the outcomes"); return }
        #expect(counted.outcomes[j].results == verdict.outcomes[i].results)
        #expect(OverlayViews.outcomeLines(counted, run: s.run).allSatisfy { $0.contains(" schedule") && !$0.contains("counting") })
    }

    @Test func escAfterTheVerdictClosesWithoutCancellingAndXShowsItAgain() {
        var s = Fixture.state(Fixture.s5())
        let (verdict, counted) = Self.results(s)
        Fixture.press(&s, .char("x"))
        App.update(&s, .background(job: s.explorerJobID, .verdict(verdict)))
        #expect(Fixture.press(&s, .escape) == [], "Esc after the verdict cancelled the counting")
        #expect(s.overlay == nil && s.explorerRunning)
        #expect(Fixture.press(&s, .char("x")) == [], "x while counting started a second search")
        guard case .explorer(let again) = s.overlay else { Issue.record("x did not reopen the overlay"); return }
        #expect(again.result == verdict && again.counting)
        Fixture.press(&s, .escape)
        App.update(&s, .background(job: s.explorerJobID, .finished(counted)))
        #expect(s.overlay == nil, "the counts reopened an overlay the user had closed")
        #expect(!s.explorerRunning && s.lastExploration == counted)
    }

    @Test func aVerdictFromAnOlderSearchIsDropped() {
        var s = Fixture.state(Fixture.s5())
        let (verdict, _) = Self.results(s)
        Fixture.press(&s, .char("x"))
        let first = s.explorerJobID
        Fixture.press(&s, .escape)
        Fixture.press(&s, .char("x"))
        App.update(&s, .background(job: first, .verdict(verdict)))
        guard case .explorer(let v) = s.overlay else { Issue.record("the running search's overlay closed"); return }
        #expect(v.result == nil && !v.counting)
    }
}
