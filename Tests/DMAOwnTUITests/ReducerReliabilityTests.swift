import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import Testing
@testable import DMAOwnTUI

/// Issue 16's TUI classes at the reducer: only `y` confirms quitting, and explorer reports are
/// tagged with their job so a cancelled search finishing late cannot touch the one after it.
@Suite struct ReducerReliabilityTests {
    static func cancelled() -> Exploration {
        Exploration(complete: false, cancelled: true, states: 3, transitions: 3, seconds: 0, peakBytes: 0, violations: [], outcomes: [])
    }

    @Test func aSecondQKeepsTheQuitDialogOpen() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"))
        #expect(Fixture.press(&s, .char("q")).isEmpty)
        #expect(s.overlay == .confirmQuit)
        #expect(Fixture.press(&s, .char("q")).isEmpty, "q q must not quit: the dialog offers y")
        #expect(s.overlay == .confirmQuit)
        #expect(Fixture.press(&s, .char("y")) == [.quit])
    }

    @Test func aLateReportFromACancelledSearchIsDropped() {
        var s = Fixture.state()
        Fixture.press(&s, .char("x"))
        let first = s.explorerJobID
        #expect(Fixture.press(&s, .escape) == [.cancelExplorer])
        #expect(Fixture.press(&s, .char("x")) == [.startExplorer(job: first + 1)])
        // The first search's progress and its finished(cancelled) arrive after the second started.
        App.update(&s, .background(job: first, .progress(ExplorationProgress(states: 99, transitions: 99, depth: 9, fraction: 0.9))))
        App.update(&s, .background(job: first, .finished(Self.cancelled())))
        #expect(s.explorerRunning, "a stale finished report cleared the running flag")
        guard case .explorer(let v) = s.overlay else { Issue.record("the overlay of the running search was closed: \(String(describing: s.overlay))"); return }
        #expect(v.result == nil && v.progress == nil)
        // The current job's reports still land.
        App.update(&s, .background(job: first + 1, .finished(Self.cancelled())))
        #expect(!s.explorerRunning)
    }
}
