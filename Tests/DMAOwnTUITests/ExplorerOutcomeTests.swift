import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

/// Outcomes you can open: every outcome and violation row of the explorer overlay loads a
/// shortest schedule whose replay ends exactly there, from where the search started.
@Suite struct ExplorerOutcomeTests {
    /// Presses `x`, runs the real explorer on the job it hands over, and delivers the result.
    @discardableResult
    static func explore(_ s: inout AppState) -> Exploration {
        Fixture.press(&s, .char("x"))
        let job = s.explorerJob
        let result = Explorer(run: job.run, world: job.world).explore()
        App.update(&s, .background(job: s.explorerJobID, .finished(result)))
        return result
    }

    /// Selects row `i` of the overlay with j/k only, as a user would.
    static func select(_ s: inout AppState, row i: Int, of count: Int) {
        for _ in 0..<count { Fixture.press(&s, .char("k")) }
        for _ in 0..<i { Fixture.press(&s, .char("j")) }
    }

    @Test(arguments: ["s5-bind-vs-claim", "busy-machine"], SchemeID.allCases)
    func everyRowLoadsAScheduleEndingThere(name: String, scheme: SchemeID) throws {
        let scenario = try BuiltinScenarios.load(name)
        var probe = try AppState(scenario: scenario, scheme: scheme)
        let result = Self.explore(&probe)
        let rows = ExplorerRow.rows(result)
        try #require(result.complete && result.outcomesListed)
        #expect(rows.count == result.outcomes.count + result.violations.count)
        for (i, row) in rows.enumerated() {
            var s = try AppState(scenario: scenario, scheme: scheme)
            Fixture.press(&s, .char("x"))
            App.update(&s, .background(job: s.explorerJobID, .finished(result)))
            Self.select(&s, row: i, of: rows.count)
            #expect(Fixture.press(&s, .enter) == [], "\(name) \(scheme) row \(i)")
            #expect(s.overlay == nil)
            #expect(s.history.position == s.history.choices.count && !s.history.choices.isEmpty)
            switch row {
            case .outcome(let k):
                let o = result.outcomes[k]
                #expect(OutcomeWords.results(of: s.run, in: s.world) == o.results, "\(name) \(scheme): \(o.results)")
                #expect(s.message?.text.contains(OutcomeWords.label(o.results, keys: OutcomeWords.keys(s.run))) == true)
            case .violation(let k):
                let c = result.violations[k]
                #expect(s.run.broken(in: s.world).contains(InvariantSet(c.invariant)), "\(name) \(scheme): \(c.invariant)")
                #expect(s.message?.kind == .violation)
            case .clusterOutcome:
                Issue.record("combined outcomes are listed for \(name)")
            }
        }
    }

    @Test func theSearchStartsAtTheSelectedRowAndFSwitchesToTheStart() throws {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"))
        let prefix = s.history.choices
        let result = Self.explore(&s)
        #expect(s.explorerPrefix == prefix)
        #expect(Explorer(run: s.run, world: s.history.current).explore().outcomes == result.outcomes)
        let screen = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .unicode))
        #expect(screen.contains("explored from selected row 2; f: from the start"), "\(screen)")
        // The row's own future: the prefix is kept and the outcome reached after it.
        #expect(Fixture.press(&s, .enter) == [])
        #expect(Array(s.history.choices.prefix(2)) == prefix)
        #expect(OutcomeWords.results(of: s.run, in: s.world) == result.outcomes[0].results)

        // f: from the start (the search restarts at once), and the overlay says so.
        s.history.jump(to: 2)
        Self.explore(&s)
        let effects = Fixture.press(&s, .char("f"))
        #expect(effects == [.startExplorer(job: s.explorerJobID)])
        #expect(s.explorerFromStart && s.explorerPrefix.isEmpty && s.explorerJob.world == s.history.initial)
        App.update(&s, .background(job: s.explorerJobID, .finished(Explorer(run: s.run, world: s.history.initial).explore())))
        let again = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .unicode))
        #expect(again.contains("explored from the start (initial world); f: from the selected row"), "\(again)")
    }

    /// Loading never loses steps: a schedule that parts from the timeline becomes a new branch and
    /// the old timeline, unsaved steps and all, stays reachable as a branch of its own.
    @Test func loadingKeepsTheOldTimelineAsABranch() throws {
        var s = Fixture.state()
        Fixture.press(&s, .char("2"), .char("2"))
        let old = s.history.choices
        s.explorerFromStart = true
        let result = Self.explore(&s)
        let rows = ExplorerRow.rows(result)
        // A row whose schedule does not begin with the steps taken: it parts from the timeline.
        let i = try #require(rows.firstIndex { $0.schedule(in: result).map { Array($0.prefix(2)) != old } ?? false })
        let schedule = try #require(rows[i].schedule(in: result))
        Self.select(&s, row: i, of: rows.count)
        #expect(Fixture.press(&s, .enter) == [])
        #expect(Array(s.history.applied) == schedule)
        #expect(s.history.kept.contains { $0.steps.map(\.choice) == old }, "the old timeline is a branch")
        #expect(s.message?.text.contains("the old timeline is kept as branch 1") == true, "\(s.message?.text ?? "")")
    }

    @Test func aContinuationOfTheTimelineStaysOnItsBranch() {
        var s = Fixture.state()
        Fixture.press(&s, .char("2"))
        let result = Self.explore(&s)
        #expect(s.hasUnsavedSteps)
        #expect(Fixture.press(&s, .enter) == [])
        #expect(s.history.choices.first == Choice(thread: 1))
        #expect(s.history.kept.isEmpty && s.message?.text.contains("kept as branch") == false)
        #expect(OutcomeWords.results(of: s.run, in: s.world) == result.outcomes[0].results)
    }
}
