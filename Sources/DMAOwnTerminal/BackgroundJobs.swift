import Foundation
import Synchronization
import DMAOwnExplorer
import DMAOwnTUI

/// A search the shell can run off the main thread: it reports progress, checks for cancellation,
/// and may hand over the verdict before its final result (the schedule counts come later).
public typealias ExplorerWork = @Sendable (
    _ progress: @escaping @Sendable (ExplorationProgress) -> Void,
    _ isCancelled: @escaping @Sendable () -> Bool,
    _ verdict: @escaping @Sendable (Exploration) -> Void
) -> Exploration

/// Runs the explorer on its own thread and hands its reports to the main loop through a queue and
/// a wake-up byte, so the reducer only ever sees them as messages (bubbletea's commands).
final class BackgroundJobs: Sendable {
    private let queue = Mutex<[(job: Int, report: BackgroundReport)]>([])
    private let current = Mutex<Flag?>(nil)
    private let pipe: WakePipe

    /// A job's own cancellation flag, so cancelling one job never cancels the next.
    private final class Flag: Sendable {
        let raised = Atomic<Bool>(false)
    }

    init(pipe: WakePipe) { self.pipe = pipe }

    /// Starts `work` as job `job`, cancelling any job still running; its reports carry `job`.
    func start(job: Int, _ work: @escaping ExplorerWork) {
        let flag = Flag()
        current.withLock { $0?.raised.store(true, ordering: .relaxed); $0 = flag }
        let thread = Thread { [self] in
            let result = work({ p in self.post(job, .progress(p)) }, { flag.raised.load(ordering: .relaxed) }, { v in self.post(job, .verdict(v)) })
            self.post(job, .finished(result))
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Asks the running job to stop; it still reports `.finished` (with `cancelled`).
    func cancel() { current.withLock { $0?.raised.store(true, ordering: .relaxed) } }

    /// Reports queued since the last call, oldest first.
    func drain() -> [(job: Int, report: BackgroundReport)] { queue.withLock { q in defer { q = [] }; return q } }

    private func post(_ job: Int, _ report: BackgroundReport) {
        queue.withLock { $0.append((job, report)) }
        pipe.wake(WakePipe.background)
    }
}
