import DMAOwnExplorer
import DMAOwnScenario
import Foundation
import Synchronization
import Testing
@testable import DMAOwnTUI
@testable import DMAOwnTerminal

/// The shell's job runner with work the test controls: a cancelled job that finishes after the
/// next one started reports under its own id, and the reducer drops it.
@Suite struct BackgroundJobsTests {
    /// Work that waits until the test opens `gate`, then reports cancelled if it was asked to stop.
    final class Gate: Sendable {
        let open = Atomic<Bool>(false)
        let sawCancel = Atomic<Bool>(false)
    }

    static func work(_ gate: Gate) -> ExplorerWork {
        { _, isCancelled, _ in
            let deadline = Date().addingTimeInterval(10)
            while !gate.open.load(ordering: .relaxed), Date() < deadline { usleep(1_000) }
            gate.sawCancel.store(isCancelled(), ordering: .relaxed)
            return Exploration(complete: !isCancelled(), cancelled: isCancelled(), states: 1, transitions: 0, seconds: 0,
                               peakBytes: 0, violations: [], outcomes: [])
        }
    }

    /// Polls `drain` until `count` reports arrived or a deadline passes.
    static func reports(_ jobs: BackgroundJobs, count: Int) -> [(job: Int, report: BackgroundReport)] {
        var got: [(job: Int, report: BackgroundReport)] = []
        let deadline = Date().addingTimeInterval(10)
        while got.count < count, Date() < deadline {
            got += jobs.drain()
            if got.count < count { usleep(1_000) }
        }
        return got
    }

    @Test func aCancelledJobFinishingLateDoesNotEndTheNextOne() throws {
        let jobs = BackgroundJobs(pipe: WakePipe())
        var s = try AppState(scenario: BuiltinScenarios.load("s5-bind-vs-claim"), themeNames: ["default"], seed: 1)
        #expect(App.update(&s, .key(.char("x"))) == [.startExplorer(job: 1)])
        let first = Gate(), second = Gate()
        jobs.start(job: 1, Self.work(first))
        App.update(&s, .key(.escape))
        jobs.cancel()
        #expect(App.update(&s, .key(.char("x"))) == [.startExplorer(job: 2)])
        jobs.start(job: 2, Self.work(second))
        first.open.store(true, ordering: .relaxed)
        let late = Self.reports(jobs, count: 1)
        try #require(late.count == 1)
        #expect(late[0].job == 1)
        let firstSawCancel = first.sawCancel.load(ordering: .relaxed)
        #expect(firstSawCancel, "cancelling job 1 did not reach its work")
        for (job, report) in late { App.update(&s, .background(job: job, report)) }
        #expect(s.explorerRunning)
        guard case .explorer = s.overlay else { Issue.record("job 1's late report closed job 2's overlay"); return }
        second.open.store(true, ordering: .relaxed)
        let done = Self.reports(jobs, count: 1)
        try #require(done.count == 1)
        let secondSawCancel = second.sawCancel.load(ordering: .relaxed)
        #expect(done[0].job == 2 && !secondSawCancel)
        for (job, report) in done { App.update(&s, .background(job: job, report)) }
        #expect(!s.explorerRunning)
    }

    /// `cancel()` stops the running job itself: work that counts until it is told to stop
    /// reports `finished` as cancelled, and its counter no longer grows after that. (Starting the
    /// next job also raises the old job's flag, so the test above cannot tell a `cancel()` that
    /// does nothing from one that works; this one starts no second job.)
    @Test func cancelStopsTheRunningJobsWork() throws {
        let jobs = BackgroundJobs(pipe: WakePipe())
        let counter = Atomic<Int>(0)
        jobs.start(job: 1) { _, isCancelled, _ in
            // Bounded so a broken cancel cannot spin forever; the test gives up well before this.
            let giveUp = Date().addingTimeInterval(60)
            while !isCancelled(), Date() < giveUp { counter.add(1, ordering: .relaxed) }
            return Exploration(complete: false, cancelled: isCancelled(), states: counter.load(ordering: .relaxed), transitions: 0,
                               seconds: 0, peakBytes: 0, violations: [], outcomes: [])
        }
        let deadline = Date().addingTimeInterval(10)
        while counter.load(ordering: .relaxed) == 0, Date() < deadline { usleep(1_000) }
        try #require(counter.load(ordering: .relaxed) > 0, "the job never started")
        jobs.cancel()
        let reports = Self.reports(jobs, count: 1)
        try #require(reports.count == 1, "cancel() did not stop the job within 10 s")
        guard case .finished(let e) = reports[0].report else { Issue.record("\(reports[0].report)"); return }
        #expect(reports[0].job == 1)
        #expect(e.cancelled)
        // The work has returned: the count it reported is final and stays so.
        let stopped = counter.load(ordering: .relaxed)
        #expect(e.states == stopped)
        #expect(jobs.drain().isEmpty, "nothing is reported after finished")
        #expect(counter.load(ordering: .relaxed) == stopped)
    }
}
