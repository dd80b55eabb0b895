import DMAOwnEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One scheduling decision: thread `thread` (0-based) steps, on the failure branch if `fail`.
public struct Choice: Hashable, Sendable, Codable {
    public var thread: Int
    public var fail: Bool
    public init(thread: Int, fail: Bool = false) { self.thread = thread; self.fail = fail }
}

/// Limits on a search; a search they cut short says so (`complete == false`).
public struct ExplorationOptions: Sendable, Equatable {
    public var maxStates: Int?
    public var maxDepth: Int?
    /// Partial-order reduction for the verdict; outcome counts always cover the full interleaving space.
    public var partialOrderReduction: Bool
    /// Count complete interleavings per outcome. With reduction on this costs a second pass over
    /// the unreduced graph (cheaper per state: no invariants, no parent pointers); without it,
    /// outcomes are listed with `schedules == 0`.
    public var countSchedules: Bool
    /// Most states the unreduced counting passes may visit in all (nil: no budget, `--count`).
    /// Past it the verdict and the outcome set are still complete; only the counts are left out.
    public var countingBudget: Int?
    /// Most bytes the search's own tables may hold (nil: no bound); past it the result is partial.
    public var maxBytes: Int?
    /// Search independent clusters of threads one by one (`ClusterPlan`); off, the whole run is
    /// one graph (the product of the clusters'), which only tests and benchmarks want.
    public var splitClusters: Bool
    /// Let the search visit one state per set of states that differ only by swapping
    /// interchangeable threads (same operation, same start; `ThreadSymmetry`). Verdicts, outcomes
    /// and counts are the same either way; off, the passes visit every state (`--no-symmetry`).
    public var threadSymmetry: Bool

    /// The default counting budget: 2 million unreduced states, about half a second of counting
    /// on one core, so counting never dominates a check that the reduced verdict answers fast.
    public static let defaultCountingBudget = 2_000_000

    /// The default memory bound: a quarter of physical memory, at most 4 GiB (1 GiB when the
    /// machine's memory cannot be read), so a search on a shared machine stops before the system
    /// has to kill it.
    public static let defaultMaxBytes: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 1 << 30 }
        return min(pages * size / 4, 4 << 30)
    }()

    public init(maxStates: Int? = nil, maxDepth: Int? = nil, partialOrderReduction: Bool = true, countSchedules: Bool = true,
                countingBudget: Int? = ExplorationOptions.defaultCountingBudget, maxBytes: Int? = ExplorationOptions.defaultMaxBytes,
                splitClusters: Bool = true, threadSymmetry: Bool = true) {
        self.maxStates = maxStates; self.maxDepth = maxDepth; self.partialOrderReduction = partialOrderReduction
        self.countSchedules = countSchedules; self.countingBudget = countingBudget; self.maxBytes = maxBytes
        self.splitClusters = splitClusters; self.threadSymmetry = threadSymmetry
    }
}

/// A shortest schedule from the initial world to a state that breaks `invariant`.
public struct Counterexample: Sendable, Equatable {
    public var invariant: Invariant
    public var message: String
    public var schedule: [Choice]
    public init(invariant: Invariant, message: String, schedule: [Choice]) {
        self.invariant = invariant; self.message = message; self.schedule = schedule
    }
}

/// A number of complete interleavings. 128 bits: five threads of ten steps already have about
/// 5·10^31 interleavings, far past 64 bits; counts saturate at `ScheduleCount.max`, and reports
/// say "at least" then.
public typealias ScheduleCount = UInt128

/// A distinct end result: each thread's result ("0", "-EBUSY", "crashed"), in thread order, and
/// how many complete interleavings end that way.
public struct Outcome: Sendable, Equatable {
    public var results: [String]
    public var schedules: ScheduleCount
    public init(results: [String], schedules: ScheduleCount) { self.results = results; self.schedules = schedules }

    /// The order every report lists outcomes in: most frequent first, then by the results read in
    /// thread order (as text, joined by commas). Each outcome's text is made once, not once per
    /// comparison: the 4,096 outcomes of twelve independent groups took 0.38 s to sort that way.
    public static func mostFrequentFirst(_ outcomes: some Sequence<Outcome>) -> [Outcome] {
        outcomes.map { ($0, $0.results.joined(separator: ",")) }
            .sorted { ($0.0.schedules, $1.1) > ($1.0.schedules, $0.1) }
            .map(\.0)
    }
}

/// What a search found.
public struct Exploration: Sendable, Equatable {
    /// False only when a bound (`maxStates`, `maxDepth`) or cancellation cut the search short.
    public var complete: Bool
    public var cancelled: Bool
    public var states: Int
    public var transitions: Int
    public var seconds: Double
    /// Peak bytes held by the visited set and frontier.
    public var peakBytes: Int
    /// One per invariant broken, each with a shortest schedule.
    public var violations: [Counterexample]
    public var outcomes: [Outcome]
    /// States and transitions of the separate schedule-counting pass over the unreduced graph
    /// (0 when the verdict pass counted them itself, i.e. without reduction).
    public var countingStates: Int
    public var countingTransitions: Int
    /// The interchangeable threads (0-based, each class ascending) the search folded together
    /// (`ThreadSymmetry`), so `states` and `countingStates` are one per set of swapped states;
    /// empty when it visited every state.
    public var countingSymmetry: [[Int]] = []
    /// Whether the states that counted interleavings were folded (`countingSymmetry` names the
    /// threads; a pass whose sums saturated ran again unfolded, and then this is false).
    public var countingFolded = false
    /// The counting pass's states as every report names them: "919092 unreduced states", or when
    /// it folded interchangeable threads "291248 unreduced states, swaps of identical threads taken as one".
    public var countingStatesPhrase: String {
        "\(countingStates) unreduced states" + (countingFolded ? ", swaps of identical threads taken as one" : "")
    }
    /// False when outcomes carry no interleaving counts (`schedules == 0`): counting was not asked
    /// for, or a bound stopped the unreduced counting pass after the reduced verdict pass completed.
    public var schedulesCounted: Bool = true
    /// CPU time of the search's threads (the caller's, and a counting pass's second thread), which
    /// on a loaded machine says more than wall time.
    public var cpuSeconds: Double = 0
    /// CPU seconds of threads other than the caller's (a sharded counting pass's second half),
    /// added into `cpuSeconds` when the search ends.
    var otherCPUSeconds: Double = 0
    /// What cut the search short, when `complete` is false.
    public var stop: ExplorationStop?
    /// Why outcomes carry no counts, when `schedulesCounted` is false.
    public var countingStop: CountingStop?
    /// The partial-order reduction the verdict pass used.
    public var reduction: ReductionUsed = .off
    /// The independent clusters searched one by one (empty when the threads formed one cluster).
    public var clusters: [ClusterResult] = []
    /// Why the threads could not be split into independent clusters, when a machine-wide step
    /// (a `BUG_ON`) coupled them; nil when they were split or there was nothing to split.
    public var notSplit: String?
    /// Each outcome the search met (results in thread order) with the shortest schedule found that
    /// ends that way; empty with clusters, whose own are in `clusters` (see `schedule(reaching:)`).
    public var outcomeSchedules: [[String]: [Choice]] = [:]
    /// The number of distinct outcomes: `outcomes.count`, or with clusters the product of their
    /// outcome counts (saturating), which may be too many to list.
    public var outcomeCount: ScheduleCount {
        get { clusters.isEmpty ? ScheduleCount(outcomes.count) : combinedOutcomeCount }
        set { combinedOutcomeCount = newValue }
    }
    private var combinedOutcomeCount: ScheduleCount = 0
    /// Complete interleavings over all outcomes (saturating); with clusters, their schedules
    /// interleaved in every way.
    public var totalSchedules: ScheduleCount {
        get { clusters.isEmpty ? outcomes.reduce(0) { LayeredSearch.saturatingAdd($0, $1.schedules) } : combinedSchedules }
        set { combinedSchedules = newValue }
    }
    private var combinedSchedules: ScheduleCount = 0
    /// False when the combined outcomes are too many to list (`outcomes` is then empty; each
    /// cluster's own outcomes are in `clusters`).
    public var outcomesListed: Bool { clusters.isEmpty || ScheduleCount(outcomes.count) == outcomeCount }
    public init(complete: Bool, cancelled: Bool = false, states: Int, transitions: Int, seconds: Double, peakBytes: Int,
                violations: [Counterexample], outcomes: [Outcome], countingStates: Int = 0, countingTransitions: Int = 0) {
        self.complete = complete; self.cancelled = cancelled; self.states = states; self.transitions = transitions
        self.seconds = seconds; self.peakBytes = peakBytes; self.violations = violations; self.outcomes = outcomes
        self.countingStates = countingStates; self.countingTransitions = countingTransitions
    }

    /// The invariants some schedule breaks.
    public var broken: Set<Invariant> { Set(violations.map(\.invariant)) }
}

/// What stopped a search before it explored every interleaving.
public enum ExplorationStop: String, Sendable, Equatable {
    case maxStates = "max-states"
    case maxDepth = "max-depth"
    case memory
    case cancelled
    /// A cluster of interdependent threads is larger than `Explorer.maxThreads`: nothing was searched.
    case threadLimit = "thread-limit"
}

/// Why a search's outcomes carry no interleaving counts.
public enum CountingStop: Sendable, Equatable {
    /// Counting was not asked for.
    case notAsked
    /// The unreduced counting passes would have visited more than this many states (`--count` lifts it).
    case budget(Int)
    /// A bound of the search (`--max-states`, `--max-depth`, memory) or cancellation stopped the counting pass.
    case bound(ExplorationStop)
}

/// The partial-order reduction a search actually used.
public enum ReductionUsed: Sendable, Equatable {
    case off
    /// Every device and group the threads touch has its own conflict bit (`resources` of them).
    case exact(resources: Int)
    /// More than 64 records are touched, so some share a conflict bit: still sound, saves less.
    case folded(resources: Int)

    public var isOn: Bool { self != .off }
}

/// One independent cluster of threads: they share no device, group or lock with any other
/// cluster, so it was searched on its own.
public struct ClusterResult: Sendable, Equatable {
    /// The cluster's threads (0-based, in thread order) and the group ids they work on.
    public var threads: [Int]
    public var groups: [Int]
    /// The cluster's distinct outcomes: results of its own threads, in thread order, and how many
    /// complete interleavings of its own threads end that way.
    public var outcomes: [Outcome]
    /// States and transitions of the cluster's verdict pass and of its counting pass.
    public var states: Int
    public var transitions: Int
    public var countingStates: Int
    /// The cluster's interchangeable threads (whole-run numbers, 0-based) its search folded together.
    public var countingSymmetry: [[Int]] = []
    /// Each of the cluster's outcomes (its own threads' results) with the shortest schedule found
    /// ending that way, in the whole run's thread numbers.
    public var outcomeSchedules: [[String]: [Choice]] = [:]
    public init(threads: [Int], groups: [Int], outcomes: [Outcome], states: Int, transitions: Int, countingStates: Int) {
        self.threads = threads; self.groups = groups; self.outcomes = outcomes
        self.states = states; self.transitions = transitions; self.countingStates = countingStates
    }
}

/// Progress of a running search, reported at most about ten times a second.
public struct ExplorationProgress: Sendable, Equatable {
    public var states: Int
    public var transitions: Int
    public var depth: Int
    /// Fraction of the search done, for a bar: from the state bound when one is given, else from
    /// how deep the schedules reached so far are against the longest possible (rough but moving).
    public var fraction: Double?
    /// Bytes the search's tables held at their largest so far.
    public var bytes: Int
    public init(states: Int, transitions: Int, depth: Int, fraction: Double?, bytes: Int = 0) {
        self.states = states; self.transitions = transitions; self.depth = depth; self.fraction = fraction; self.bytes = bytes
    }
}
