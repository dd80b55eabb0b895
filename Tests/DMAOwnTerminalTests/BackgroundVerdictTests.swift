import DMAOwnExplorer
import Testing
@testable import DMAOwnTUI
@testable import DMAOwnTerminal

/// The job runner hands a work's verdict to the main loop as its own report, before the final
/// result: the TUI shows the verdict while the schedules are still being counted (issue 14).
@Suite struct BackgroundVerdictTests {
    @Test func theVerdictArrivesBeforeTheFinishedResult() throws {
        let jobs = BackgroundJobs(pipe: WakePipe())
        let verdict = Exploration(complete: true, states: 3, transitions: 2, seconds: 0, peakBytes: 0, violations: [], outcomes: [])
        let counted = Exploration(complete: true, states: 3, transitions: 2, seconds: 0, peakBytes: 0, violations: [],
                                  outcomes: [Outcome(results: ["0"], schedules: 2)])
        jobs.start(job: 7) { _, _, report in
            report(verdict)
            return counted
        }
        let got = BackgroundJobsTests.reports(jobs, count: 2)
        try #require(got.count == 2)
        #expect(got.allSatisfy { $0.job == 7 })
        guard case .verdict(let first) = got[0].report, case .finished(let last) = got[1].report else {
            Issue.record("reports out of order: \(got.map(\.report))"); return
        }
        #expect(first == verdict && last == counted)
    }
}
