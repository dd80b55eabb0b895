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
///
/// Threads that can never interact (see `ClusterPlan`) are searched cluster by cluster, so the
/// cost grows with the sum of the clusters' graphs, not their product; see `Explorer+Clusters`.
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

    /// The most threads one cluster may have (thread sets are 32-bit masks); independent clusters
    /// may together have any number.
    public static let maxThreads = 32

    /// The threads (0-based) of the first cluster that has more than `maxThreads` threads, which
    /// no exhaustive search can take; nil when every cluster fits.
    public var oversizedCluster: [Int]? {
        (options.splitClusters ? ClusterPlan(run: run, world: world) : ClusterPlan(whole: run)).clusters.first { $0.count > Self.maxThreads }
    }

    /// Explores until done, a bound, or cancellation; `progress` is called at most ~10 times a second.
    public func explore(progress: (ExplorationProgress) -> Void = { _ in }, isCancelled: () -> Bool = { false }) -> Exploration {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Self.threadCPUSeconds()
        let plan = options.splitClusters ? ClusterPlan(run: run, world: world) : ClusterPlan(whole: run)
        var result: Exploration
        if plan.largest > Self.maxThreads {
            result = Exploration(complete: false, states: 0, transitions: 0, seconds: 0, peakBytes: 0, violations: [], outcomes: [])
            result.stop = .threadLimit
            result.schedulesCounted = false
            result.countingStop = .bound(.threadLimit)
        } else if plan.clusters.count == 1 {
            result = exploreWhole(progress: progress, isCancelled: isCancelled)
        } else {
            result = exploreClusters(plan.clusters, progress: progress, isCancelled: isCancelled)
        }
        result.notSplit = plan.notSplit
        result.seconds = (clock.now - start).seconds
        result.cpuSeconds = Self.threadCPUSeconds() - cpuStart + result.otherCPUSeconds
        return result
    }

    /// The whole run as one cluster: interleavings are counted over Φ levels, one number per state.
    private func exploreWhole(progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) -> Exploration {
        let search = ClusterSearch(run: run, world: world, options: options, byLength: false,
                                   budget: options.countingBudget, staleGroups: nil, progress: progress, isCancelled: isCancelled)
        let outcomes = search.outcomeList()
        var result = Exploration(
            complete: search.complete, cancelled: search.stop == .cancelled, states: search.verdict.states,
            transitions: search.verdict.transitions, seconds: 0, peakBytes: search.peakBytes,
            violations: search.verdict.counterexamples(), outcomes: outcomes,
            countingStates: search.countingStates, countingTransitions: search.countingTransitions)
        result.schedulesCounted = search.schedulesCounted
        result.countingStop = search.countingStop
        result.otherCPUSeconds = search.otherCPUSeconds
        result.countingSymmetry = search.interchangeable
        result.countingFolded = search.countingFolded
        result.stop = search.stop
        result.reduction = search.reduction
        result.outcomeSchedules = search.outcomeSchedules()
        result.outcomeCount = ScheduleCount(outcomes.count)
        result.totalSchedules = outcomes.reduce(0) { LayeredSearch.saturatingAdd($0, $1.schedules) }
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
