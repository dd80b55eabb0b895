import DMAOwnEngine
import DMAOwnScenario
import Testing
@testable import DMAOwnTUI

/// Every view says why a step went the way it did, from the one record the history keeps.
@Suite struct DecisionViewTests {
    /// S5 after the claim took the group (VFIO's open, the mutex, the check) and the bind ran into
    /// its ownership check.
    static func bindRefused() -> AppState {
        var s = Fixture.builtin("s5-bind-vs-claim")
        for k in "222111111" { Fixture.press(&s, .char(k)) }
        return s
    }

    static func screen(_ s: AppState, _ w: Int, _ h: Int) -> String {
        Snapshot.text(App.render(s, size: Size(width: w, height: h), glyphs: .unicode))
    }

    @Test func theHistoryRecordsTheDecisionOnceAndTheStatusLineSaysIt() throws {
        let s = Self.bindRefused()
        let taken = try #require(s.history.step(at: 9))
        let decision = try #require(taken.decision)
        #expect(decision.contains("owner_cnt 1 (qemu's claim)"))
        #expect(decision.hasSuffix("→ -EBUSY (unwinding)"))
        #expect(s.message?.text == "thread 1 iommu_device_use_default_domain: \(decision)")
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)]) func theThreadPaneMarksTheDecidingStepAndTheErrorPath(w: Int, h: Int) {
        let screen = Self.screen(Self.bindRefused(), w, h)
        #expect(screen.contains("runnable → -EBUSY (unwinding)"), "\(screen)")
        // Both threads of the race stay in view, and the deciding step's decision is marked ✘;
        // at 80×24 the wrapped status line has taken rows, so only part of it fits in the pane
        // (the status line carries it whole).
        #expect(screen.contains("bind 0000:01:00.1 e1000e") && screen.contains("claim 7 qemu"), "\(screen)")
        #expect(screen.contains("     ✘ "), "\(screen)")
        if h >= 40 { #expect(screen.contains("✘ owner_cnt 1 (qemu's claim)"), "\(screen)") }
        #expect(screen.contains("→ -EBUSY (unwinding)"), "\(screen)")
        // Where there is room, the error path is set apart under its own title.
        if h >= 40 { #expect(screen.contains("on error:"), "\(screen)") }
    }

    @Test func aTimelineRowKeepsItsWordsWhileSelected() {
        var s = Self.bindRefused()
        let decided = s.message
        Fixture.press(&s, .tab, .tab)  // threads → timeline → topology? focus the timeline
        s.focus = .timeline
        Fixture.press(&s, .up)
        #expect(s.message?.text.hasPrefix("thread 1 iommu_device_use_default_domain: mutex_lock") == true, "\(String(describing: s.message))")
        Fixture.press(&s, .down)
        #expect(s.message == decided)
    }

    @Test func undoAndRedoSayWhatTheRowNowShownDid() {
        var s = Self.bindRefused()
        Fixture.press(&s, .char("u"))
        #expect(s.message?.text == "undone: step 9; now at thread 1 iommu_device_use_default_domain: mutex_lock(&group->mutex)")
        Fixture.press(&s, .ctrl("r"))
        #expect(s.message?.text.hasPrefix("redone: step 9; now at thread 1 iommu_device_use_default_domain: owner_cnt 1 (qemu's claim)") == true)
        for _ in 0..<9 { Fixture.press(&s, .char("u")) }
        #expect(s.message?.text == "undone: step 1; back at the start")
    }

    @Test func timelineRowsNameTheGroupTheCodeAndTheResultDecided() {
        let screen = Self.screen(Self.bindRefused(), 120, 40)
        #expect(screen.contains("G7 iommu_group_claim_dma_owner: mutex_lock(&group->mutex)"))
        #expect(screen.contains("→ -EBUSY (unwinding)│"), "the deciding row ends in its result: \(screen)")
    }

    @Test func theDetailsPaneAt200ColumnsShowsTheRowInFull() {
        let screen = Self.screen(Self.bindRefused(), 200, 60)
        #expect(screen.contains("details of row 9"))
        #expect(screen.contains("decision"))
        #expect(screen.contains("changes"))
        #expect(!Self.screen(Self.bindRefused(), 159, 40).contains("details of row"))
    }

    @Test func violationsAreListedWithTheirStepsAndEnterJumpsThere() {
        var s = Fixture.builtin("notifier-bug-on")
        for _ in 0..<12 { Fixture.press(&s, .char("1")) }
        Fixture.press(&s, .char("v"))
        let list = ViolationsOverlay.entries(s)
        #expect(list.map(\.violation.invariant) == [.isolation, .bugOn])
        let screen = Self.screen(s, 120, 40)
        #expect(screen.contains("step \(list[0].row): isolation: e1000e on 0000:01:00.1 is doing DMA while group 7 is owned by qemu"), "\(screen)")
        Fixture.press(&s, .enter)
        #expect(s.history.position == list[0].row)
        #expect(s.message == StatusMessage(.violation, "isolation: e1000e on 0000:01:00.1 is doing DMA while group 7 is owned by qemu"))
    }

    @Test func aSchemeWithoutACountHasNoneDrawn() {
        #expect(Schemes.all.contains { !$0.hasOwnerCount } && Schemes.all.contains { $0.hasOwnerCount })
        #expect(!Schemes.all.isEmpty, "the loop below checks something")
        for scheme in Schemes.all {
            let s = Fixture.state(Fixture.s5(scheme: scheme.id))
            #expect(Self.screen(s, 120, 40).contains("owner_cnt") == scheme.hasOwnerCount, "\(scheme.id)")
        }
        #expect(!Schemes.scheme(.robin).hasOwnerCount && !Schemes.scheme(.notifier).hasOwnerCount)
    }

    @Test func theTopologyAndTheMarkdownExportNameTheOwnerAlike() throws {
        var s = Fixture.builtin("s5-bind-vs-claim")
        for _ in 0..<8 { Fixture.press(&s, .char("1")) }  // the bind runs to the end: a kernel DMA-API user
        let owner = s.run.describeOwnership(s.world[group: 0])
        #expect(owner == "the kernel DMA API")
        #expect(Self.screen(s, 120, 40).contains("owner the kernel DMA API"))
        let timeline = try Timeline(run: s.run, initial: s.history.initial, schedule: s.history.applied.map { ($0.thread, $0.fail) })
        #expect(MarkdownExporter.render(s.scenario, timeline).contains("| the kernel DMA API |"))
    }
}
