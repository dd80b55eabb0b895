import DMAOwnEngine

/// What a lesson asks of the learner (`[goal]` in a scenario file): a state to reach by
/// scheduling the threads by hand, hints revealed one at a time, and the kernel explanation
/// shown once it is reached. A scenario without `[goal]` is an ordinary scenario.
public struct Goal: Sendable, Equatable {
    /// What to achieve, in a sentence or two.
    public var text: String
    /// When the lesson is won.
    public var win: WinCondition
    /// The schemes the goal must be reached under; empty means the scenario's own scheme only.
    public var schemes: [SchemeID]
    /// A schedule longer than this does not win (nil: any length).
    public var maxSteps: Int?
    /// Hints in the order they are revealed.
    public var hints: [String]
    /// Why it happened, in kernel terms, with the kernel functions and their source files.
    public var explain: String

    public init(text: String, win: WinCondition, schemes: [SchemeID] = [], maxSteps: Int? = nil, hints: [String] = [], explain: String) {
        self.text = text; self.win = win; self.schemes = schemes; self.maxSteps = maxSteps; self.hints = hints; self.explain = explain
    }
}

/// The parts of a win: every part given must hold in the same world (and, for `decision`, at
/// the step that led to it). Built from the engine's own words: thread results as `check`
/// spells them, invariant names, group fields, and step decisions.
public struct WinCondition: Sendable, Equatable {
    /// Threads (0-based) that must have finished with these results ("0", "-EPERM", "crashed").
    public var results: [ThreadResult]
    /// Invariants the world must break.
    public var broken: [Invariant]
    /// A group's fields the world must show.
    public var group: GroupCondition?
    /// Every thread finished (done or crashed), none blocked or runnable.
    public var finished: Bool
    /// Text the last step's decision must contain (`Run.decision`), e.g. Robin's scan case "2.a.i".
    public var decision: String?

    public init(results: [ThreadResult] = [], broken: [Invariant] = [], group: GroupCondition? = nil, finished: Bool = false, decision: String? = nil) {
        self.results = results; self.broken = broken; self.group = group; self.finished = finished; self.decision = decision
    }

    /// One thread and the result it must end with.
    public struct ThreadResult: Sendable, Equatable {
        public var thread: Int
        public var result: String
        public init(thread: Int, result: String) { self.thread = thread; self.result = result }
    }

    /// A group's owner, owner_cnt and attached domain; nil fields are not checked.
    public struct GroupCondition: Sendable, Equatable {
        /// The group's index in the topology.
        public var group: Int
        public var owner: OwnerMatch?
        public var ownerCount: Int?
        public var domain: Domain?
        public init(group: Int, owner: OwnerMatch? = nil, ownerCount: Int? = nil, domain: Domain? = nil) {
            self.group = group; self.owner = owner; self.ownerCount = ownerCount; self.domain = domain
        }
    }

    /// Who owns a group as `Run.describeOwnership` words it, so counting schemes (kernel users in
    /// `owner_cnt`, no token) and Robin's (a DMA-API token) are asked the same question.
    public enum OwnerMatch: Sendable, Equatable {
        case nobody
        case dmaAPI
        case user(Int)
        case driver(Int)

        func matches(_ gs: World.GroupState) -> Bool {
            switch self {
            case .nobody: gs.owner == .none && gs.ownerCount == 0
            case .dmaAPI: gs.owner == .dmaAPI || (gs.owner == .none && gs.ownerCount > 0)
            case .user(let o): gs.owner == .user(o)
            case .driver(let d): gs.owner == .driver(d)
            }
        }
    }

    /// Whether the world parts hold in `world` (everything but `decision`).
    public func holds(in world: World, run: Run) -> Bool {
        for r in results where run.result(of: r.thread, in: world) != r.result { return false }
        if !broken.isEmpty {
            let set = run.broken(in: world)
            for i in broken where !set.contains(InvariantSet(i)) { return false }
        }
        if let g = group {
            let gs = world[group: g.group]
            if let o = g.owner, !o.matches(gs) { return false }
            if let n = g.ownerCount, gs.ownerCount != n { return false }
            if let d = g.domain, gs.domain != d { return false }
        }
        if finished && !run.isFinished(world) { return false }
        return true
    }

    /// Whether taking `choice` from `before` to `after` wins: the world parts hold in `after` and
    /// the step's decision says `decision`. The explorer's goal search asks this of every step.
    public func isMet(before: World, after: World, thread: Int, fail: Bool, run: Run) -> Bool {
        guard holds(in: after, run: run) else { return false }
        guard let decision else { return true }
        return run.decision(ofThread: thread, before: before, after: after, failed: fail)?.contains(decision) ?? false
    }

    /// Whether the world a lesson opens on already wins (a lesson must not): no step led there.
    public func isMetAtStart(_ world: World, run: Run) -> Bool {
        decision == nil && holds(in: world, run: run)
    }
}
