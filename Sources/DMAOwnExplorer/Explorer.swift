import DMAOwnEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exhaustive search over every schedule of a run's threads and every `may_fail` choice: which
/// invariants some schedule breaks (with a shortest schedule each) and which end results are
/// possible (with how many complete interleavings end each way).
///
/// States that break an invariant are recorded and still expanded (a `BUG_ON` state has no
/// successors anyway), so outcomes count every schedule and the verdict does not depend on the
/// order of search. With partial-order reduction on, counterexamples are shortest among the
/// schedules the reduced graph keeps, which may be longer than the shortest overall.
public struct Explorer: Sendable {
    /// The run whose threads are interleaved, and the world they start from.
    public let run: Run
    public let world: World
    /// Bounds and reduction.
    public let options: ExplorationOptions

    /// An explorer of every schedule of `run` from `world`.
    public init(run: Run, world: World, options: ExplorationOptions = .init()) {
        self.run = run; self.world = world; self.options = options
    }

    /// The most threads a search handles (thread sets are 32-bit masks); more gives an empty, incomplete result.
    public static let maxThreads = 32

    /// Explores until done, a bound, or cancellation; `progress` is called at most ~10 times a second.
    public func explore(progress: (ExplorationProgress) -> Void = { _ in }, isCancelled: () -> Bool = { false }) -> Exploration {
        guard run.operations.count <= Self.maxThreads else {
            return Exploration(complete: false, states: 0, transitions: 0, seconds: 0, peakBytes: 0, violations: [], outcomes: [])
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Self.threadCPUSeconds()
        let footprints = options.partialOrderReduction ? Footprints(run: run) : nil
        let reduce = footprints != nil
        let verdict = LayeredSearch(
            run: run, initial: world,
            config: .init(reduce: reduce, judge: true, count: !reduce && options.countSchedules,
                          maxStates: options.maxStates, maxDepth: options.maxDepth),
            persistent: footprints.map(PersistentSet.init))
        let twoPasses = reduce && options.countSchedules
        let bar = ProgressBar(run: run, firstPassShare: twoPasses ? 0.2 : 1)
        verdict.search(progress: { progress(bar.first($0)) }, isCancelled: isCancelled)

        var outcomes = verdict.outcomeList()
        var counting: LayeredSearch?
        var complete = verdict.complete, cancelled = verdict.cancelled
        var schedulesCounted = options.countSchedules
        if reduce && options.countSchedules && !cancelled {
            let pass = LayeredSearch(
                run: run, initial: world,
                config: .init(reduce: false, judge: false, count: true, maxStates: options.maxStates, maxDepth: options.maxDepth),
                persistent: nil)
            // One search as far as a progress bar is concerned: the counting pass continues the count.
            let before = verdict.states, beforeTransitions = verdict.transitions
            pass.search(progress: { p in
                progress(bar.second(ExplorationProgress(states: before + p.states, transitions: beforeTransitions + p.transitions,
                                                        depth: p.depth, fraction: p.fraction)))
            }, isCancelled: isCancelled)
            cancelled = pass.cancelled
            if pass.complete {
                outcomes = pass.outcomeList()
            } else {
                // A bound that stops only the counting pass leaves the verdict and the outcome set
                // (which reduction preserves) complete; only the counts are unknown.
                complete = complete && !cancelled
                schedulesCounted = false
                outcomes = outcomes.map { Outcome(results: $0.results, schedules: 0) }
            }
            counting = pass
        }
        var result = Exploration(
            complete: complete, cancelled: cancelled, states: verdict.states, transitions: verdict.transitions,
            seconds: (clock.now - start).seconds, peakBytes: max(verdict.peakBytes, counting?.peakBytes ?? 0),
            violations: verdict.counterexamples(), outcomes: outcomes,
            countingStates: counting?.states ?? 0, countingTransitions: counting?.transitions ?? 0)
        result.schedulesCounted = schedulesCounted
        result.cpuSeconds = Self.threadCPUSeconds() - cpuStart
        return result
    }

    /// CPU seconds the calling thread has used.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}

/// Turns a pass's progress into one bar for the whole search. Without a state bound the size is
/// unknown, but every schedule is at most as long as all the threads' programs together, so the
/// deepest schedule reached against that length moves a bar forward (roughly: it may jump to the
/// end when the real longest schedule is shorter). With reduction, the verdict pass takes the first
/// share of the bar and the counting pass the rest.
struct ProgressBar {
    let longest: Double
    let firstPassShare: Double

    init(run: Run, firstPassShare: Double) {
        longest = Double(max(1, run.programs.reduce(0) { $0 + $1.steps.count }))
        self.firstPassShare = firstPassShare
    }

    private func fraction(_ p: ExplorationProgress) -> Double {
        max(p.fraction ?? 0, min(1, Double(p.depth) / longest))
    }

    func first(_ p: ExplorationProgress) -> ExplorationProgress {
        var q = p
        q.fraction = firstPassShare * fraction(p)
        return q
    }

    func second(_ p: ExplorationProgress) -> ExplorationProgress {
        var q = p
        q.fraction = firstPassShare + (1 - firstPassShare) * fraction(p)
        return q
    }
}
