import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

/// The reducer and the real explorer agree: what `x` hands over is what the explorer searches,
/// and Enter on its counterexample reproduces the broken invariant in the timeline.
@Suite struct ExplorerRoundTripTests {
    @Test(arguments: ["notifier-bug-on", "robin-stale-owner"])
    func enterLoadsTheExplorersShortestCounterexample(_ name: String) throws {
        var s = Fixture.state(try BuiltinScenarios.load(name))
        // Each load moves the selected row to the schedule's end; search from the start every time.
        s.explorerFromStart = true
        #expect(Fixture.press(&s, .char("x")) == [.startExplorer(job: s.explorerJobID)])
        let job = s.explorerJob
        let result = Explorer(run: job.run, world: job.world).explore()
        try #require(!result.violations.isEmpty)
        App.update(&s, .background(job: s.explorerJobID, .finished(result)))
        #expect(!result.violations.isEmpty, "the loop below checks something")
        for (i, c) in result.violations.enumerated() {
            if i > 0 { Fixture.press(&s, .char("x")); App.update(&s, .background(job: s.explorerJobID, .finished(result))) }
            for _ in 0..<i { Fixture.press(&s, .down) }
            Fixture.press(&s, .enter)
            #expect(Array(s.history.applied) == c.schedule)
            #expect(s.history.choices.count == Self.shortest(job.run, job.world, c.invariant), "\(name): \(c.invariant) is not the shortest")
            #expect(s.run.broken(in: s.world).contains(InvariantSet(c.invariant)), "\(name): \(c.invariant)")
            #expect(s.message?.kind == .violation)
        }
    }

    /// The fewest steps from `world` to a state that breaks `invariant`: a breadth-first search
    /// of its own over every branch, so the explorer's length is checked, not restated.
    static func shortest(_ run: Run, _ world: World, _ invariant: Invariant) -> Int? {
        var level = [world], seen: Set<World> = [world], depth = 0
        while !level.isEmpty {
            if level.contains(where: { run.broken(in: $0).contains(InvariantSet(invariant)) }) { return depth }
            var next: [World] = []
            for w in level {
                for t in run.operations.indices {
                    for branch in 0..<run.choices(of: t, in: w) {
                        var v = w
                        run.step(&v, thread: t, fail: branch == 1)
                        if seen.insert(v).inserted { next.append(v) }
                    }
                }
            }
            level = next
            depth += 1
        }
        return nil
    }

    @Test func s5ExplorationHasBothOutcomesAndNoViolation() throws {
        var s = Fixture.state(try BuiltinScenarios.load("s5-bind-vs-claim"))
        Fixture.press(&s, .char("x"))
        let result = Explorer(run: s.explorerJob.run, world: s.explorerJob.world).explore()
        App.update(&s, .background(job: s.explorerJobID, .finished(result)))
        #expect(Set(result.outcomes.map(\.results)) == [["0", "-EPERM"], ["-EBUSY", "0"]])
        let screen = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .unicode))
        #expect(screen.contains("no invariant broken in any interleaving"))
        // Enter opens the selected (first) outcome: its schedule ends in exactly that outcome.
        #expect(Fixture.press(&s, .enter) == [])
        #expect(OutcomeWords.results(of: s.run, in: s.world) == result.outcomes[0].results)
    }
}
