import Synchronization
import DMAOwnEngine

/// The counting pass, started on a thread of its own while the verdict pass runs on the calling
/// thread (once the verdict pass has expanded `verdictStates` states), so that the second core is
/// not idle for the verdict pass and the counting pass's first states (N4K9: about a fifth of the
/// check on one thread). The two passes share nothing but the memory bound.
///
/// What the check reports stays exactly what the passes one after the other report: the counting
/// pass is deterministic, and this only moves where it runs.
/// - **Cancelling:** the verdict pass's `isCancelled` also stops this pass.
/// - **Memory:** the two passes' tables together are kept within the bound. When they would pass
///   it, this pass is dropped, and the counting pass runs again after the verdict pass, as it
///   would have anyway.
/// - **Progress and cancellation:** only the calling thread calls `progress` and `isCancelled`.
///   This pass reports nothing until the verdict pass is done. Then it either ends on its own
///   thread when it is small, or it hands over at a level boundary and goes on as two halves
///   (`continueInShards`), its first half on the calling thread.
final class CountingAhead: @unchecked Sendable {
    /// States the verdict pass expands before the counting pass starts beside it. Started at
    /// once, it cost the bench's headline (a verdict pass of 5,495 states) 16 → 19 ms and each
    /// cluster of the groups family 0.3 ms: a thread, for a verdict pass of a few milliseconds.
    static let verdictStates = 8_192

    /// Set when this pass must stop: the verdict pass was cancelled, or the two passes' tables
    /// together passed the memory bound.
    private let abandoned = Atomic<Bool>(false)
    /// Set once the verdict pass is done: from then on this pass may hand over to two threads.
    private let verdictDone = Atomic<Bool>(false)
    private let countingBytes = Atomic<Int>(0)
    private let verdictBytes = Atomic<Int>(0)
    private let maxBytes: Int
    private let pass: LayeredSearch
    private var thread: SearchThread?

    /// States this pass expands before it may hand over to two halves: none. It hands over once
    /// the verdict pass is done (at the next multiple of 1,024 states, mid-level or not), since
    /// the calling thread is then free. The 50,000 of a counting pass started after the verdict
    /// (`LayeredSearch.shardAfter`) keep small passes on one thread; this one runs only when the
    /// verdict pass reached `verdictStates`, and counts at least as many states as it (the same
    /// graph, unreduced). Waiting for 50,000 kept the calling thread idle for 12 of N4K9's 95 ms.
    static let shardAfter = 0

    /// Starts the counting pass `config` over `run` from `world`. Its own `ThreadSymmetry` if it
    /// folds: folding keeps scratch per call, and the verdict pass folds on the calling thread.
    init(run: Run, world: World, config: LayeredSearch.Config, shardAfter: Int = CountingAhead.shardAfter) {
        maxBytes = config.maxBytes ?? Int.max
        pass = LayeredSearch(run: run, initial: world, config: config, persistent: nil)
        pass.handOverWhen = { [unowned self] in verdictDone.load(ordering: .acquiring) }
        pass.onLiveBytes = { [unowned self] bytes in
            countingBytes.store(bytes, ordering: .relaxed)
            if bytes + verdictBytes.load(ordering: .relaxed) > maxBytes { abandoned.store(true, ordering: .relaxed) }
        }
        let pass = pass
        thread = SearchThread { [unowned self] in
            pass.search(suspendingAfter: shardAfter, progress: { _ in }, isCancelled: { self.abandoned.load(ordering: .relaxed) })
        }
    }

    deinit { abandon() }

    /// For the verdict pass's `onLiveBytes`: its tables' bytes, which this pass's count against the bound.
    func verdictHolds(_ bytes: Int) {
        verdictBytes.store(bytes, ordering: .relaxed)
        if bytes + countingBytes.load(ordering: .relaxed) > maxBytes { abandoned.store(true, ordering: .relaxed) }
    }

    /// For the verdict pass's `isCancelled`: a cancelled verdict pass stops this one too.
    func cancelled(_ yes: Bool) -> Bool {
        if yes { abandoned.store(true, ordering: .relaxed) }
        return yes
    }

    /// Stops the pass and waits for its thread: its result is not wanted.
    func abandon() {
        abandoned.store(true, ordering: .relaxed)
        thread?.join()
        thread = nil
    }

    /// The counting pass once the verdict pass is done: handed over to two threads when it is
    /// large (this thread reporting progress), or as it ended on its own. Nil when it was
    /// dropped (`abandoned`), for the caller to count again. `otherCPU`: the CPU seconds its own
    /// thread used.
    func finish(progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) -> (pass: LayeredSearch, otherCPU: Double)? {
        verdictBytes.store(0, ordering: .relaxed)
        verdictDone.store(true, ordering: .releasing)
        thread?.join()
        thread = nil
        let ownCPU = pass.ownCPUSeconds
        guard !abandoned.load(ordering: .relaxed) else { return nil }
        if pass.suspended {
            pass.continueInShards(progress: progress, isCancelled: isCancelled)
        } else {
            // It ended on its thread, reporting to no one: its last report is made here.
            pass.reportDone(progress)
        }
        return (pass, ownCPU)
    }
}
