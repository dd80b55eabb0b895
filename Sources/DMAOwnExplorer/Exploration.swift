import DMAOwnEngine

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
    public init(maxStates: Int? = nil, maxDepth: Int? = nil, partialOrderReduction: Bool = true, countSchedules: Bool = true) {
        self.maxStates = maxStates; self.maxDepth = maxDepth; self.partialOrderReduction = partialOrderReduction
        self.countSchedules = countSchedules
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
    /// False when outcomes carry no interleaving counts (`schedules == 0`): counting was not asked
    /// for, or a bound stopped the unreduced counting pass after the reduced verdict pass completed.
    public var schedulesCounted: Bool = true
    /// CPU time of the searching thread, which on a loaded machine says more than wall time.
    public var cpuSeconds: Double = 0
    public init(complete: Bool, cancelled: Bool = false, states: Int, transitions: Int, seconds: Double, peakBytes: Int,
                violations: [Counterexample], outcomes: [Outcome], countingStates: Int = 0, countingTransitions: Int = 0) {
        self.complete = complete; self.cancelled = cancelled; self.states = states; self.transitions = transitions
        self.seconds = seconds; self.peakBytes = peakBytes; self.violations = violations; self.outcomes = outcomes
        self.countingStates = countingStates; self.countingTransitions = countingTransitions
    }

    /// The invariants some schedule breaks.
    public var broken: Set<Invariant> { Set(violations.map(\.invariant)) }
}

/// Progress of a running search, reported at most about ten times a second.
public struct ExplorationProgress: Sendable, Equatable {
    public var states: Int
    public var transitions: Int
    public var depth: Int
    /// Fraction of the search done, for a bar: from the state bound when one is given, else from
    /// how deep the schedules reached so far are against the longest possible (rough but moving).
    public var fraction: Double?
    public init(states: Int, transitions: Int, depth: Int, fraction: Double?) {
        self.states = states; self.transitions = transitions; self.depth = depth; self.fraction = fraction
    }
}
