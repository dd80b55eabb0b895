import DMAOwnEngine
import DMAOwnExplorer

/// The schedule taken from the initial world, each step recorded once with everything a view
/// shows about it (the world after it, its decision, the invariants it broke), so undo, redo,
/// jumping to a timeline row and drawing a frame cost nothing and never recompute a step.
public struct History: Sendable, Equatable {
    /// The world before any step, threads started.
    public private(set) var initial: World
    /// Every step taken, including the redo tail beyond `position`.
    public private(set) var steps: [TakenStep]
    /// How many steps are applied now: 0 is the initial world.
    public private(set) var position: Int
    /// The number of the branch `steps` holds (1 is the first schedule taken).
    public private(set) var branch = 1
    /// The other branches: futures left behind by stepping from an earlier row, each kept whole
    /// from the initial world, so a reviewer can go back to the schedule they were arguing about.
    public private(set) var kept: [KeptBranch] = []

    /// A history with no steps taken yet.
    public init(initial: World) {
        self.initial = initial; steps = []; position = 0
    }

    /// Every choice made, including the redo tail.
    public var choices: [Choice] { steps.map(\.choice) }

    /// The world after each step, including the redo tail.
    public var worlds: [World] { steps.map(\.world) }

    /// The world the user is looking at.
    public var current: World { world(at: position) }

    /// The world after `k` steps (0 is the initial world).
    public func world(at k: Int) -> World { k == 0 ? initial : steps[k - 1].world }

    /// The step that led to the world after `k` steps (nil for the initial world).
    public func step(at k: Int) -> TakenStep? { k > 0 && k <= steps.count ? steps[k - 1] : nil }

    /// The choices applied up to `position`: what a saved trace records.
    public var applied: ArraySlice<Choice> { choices[..<position] }

    /// Takes `choice` from the current world under `run` and records it with its decision and the
    /// invariants it newly broke. The caller has checked that the thread can step.
    @discardableResult
    public mutating func take(_ choice: Choice, run: Run) -> TakenStep {
        let before = current
        var after = before
        let decision = run.stepExplained(&after, thread: choice.thread, fail: choice.fail)
        let was = run.broken(in: before)
        let newly = run.broken(in: after).subtracting(was).isEmpty
            ? [] : run.violations(in: after).filter { !was.contains(InvariantSet($0.invariant)) }
        let taken = TakenStep(choice: choice, world: after, decision: decision, newViolations: newly)
        record(taken)
        return taken
    }

    /// Records a step taken from the current world with no decision or violations worked out
    /// (tests that build worlds by hand).
    public mutating func record(_ choice: Choice, world: World) {
        record(TakenStep(choice: choice, world: world, decision: nil, newViolations: []))
    }

    /// Records a step taken from the current world; a step taken after undo or a jump starts a
    /// new branch, and the old future is kept as a branch of its own (`kept`).
    public mutating func record(_ taken: TakenStep) {
        // Taking the step the tail already holds is a redo: the rest of the tail stays valid.
        if position < steps.count, steps[position].choice == taken.choice, steps[position].world == taken.world {
            position += 1
            return
        }
        if position < steps.count {
            // A kept branch that already took this step from here is walked again, not copied.
            let prefix = choices[..<position]
            if let i = kept.firstIndex(where: { $0.steps.count > position && $0.steps[position].choice == taken.choice
                                                && $0.steps[..<position].map(\.choice) == Array(prefix) }) {
                switchTo(keptIndex: i)
                position += 1
                return
            }
            kept.append(KeptBranch(number: branch, steps: steps))
            branch = (kept.map(\.number) + [branch]).max()! + 1
        }
        steps.removeSubrange(position...)
        steps.append(taken)
        position += 1
    }

    /// Makes branch `number` the current one, at the row where it parts from the branch left (so
    /// redo walks into its own future); the branch left is kept. False when there is no such branch.
    @discardableResult
    public mutating func switchTo(branch number: Int) -> Bool {
        guard let i = kept.firstIndex(where: { $0.number == number }) else { return number == branch }
        switchTo(keptIndex: i)
        return true
    }

    private mutating func switchTo(keptIndex i: Int) {
        let target = kept[i]
        let shared = zip(steps, target.steps).prefix { $0.choice == $1.choice }.count
        kept[i] = KeptBranch(number: branch, steps: steps)
        kept.sort { $0.number < $1.number }
        steps = target.steps
        branch = target.number
        position = min(shared, position)
    }

    /// Steps back one; false when already at the start.
    @discardableResult
    public mutating func undo() -> Bool {
        guard position > 0 else { return false }
        position -= 1
        return true
    }

    /// Steps forward along the redo tail; false when there is none.
    @discardableResult
    public mutating func redo() -> Bool {
        guard position < steps.count else { return false }
        position += 1
        return true
    }

    /// Shows the world after `k` steps, keeping the tail for redo.
    public mutating func jump(to k: Int) {
        position = min(max(0, k), steps.count)
    }

    /// Takes `choices` from the current world under `run` as far as they apply; returns the index
    /// of the first one that does not (its thread cannot step, or cannot fail, there), or nil.
    @discardableResult
    public mutating func replay(_ choices: some Sequence<Choice>, run: Run) -> Int? {
        for (i, c) in choices.enumerated() {
            guard run.operations.indices.contains(c.thread) else { return i }
            let n = run.choices(of: c.thread, in: current)
            guard n > 0, !c.fail || n == 2 else { return i }
            take(c, run: run)
        }
        return nil
    }

    /// This history replayed from `initial` under `run` (a grown scenario): the branch on screen
    /// and every kept branch as far as each applies, the same row selected where it still exists.
    /// Also returns the step where the branch on screen stopped replaying, if it did.
    public func replayed(from initial: World, run: Run) -> (history: History, divergence: Int?) {
        var out = History(initial: initial)
        let divergence = out.replay(choices, run: run)
        out.restore(keptChoices, current: branch, run: run)
        out.position = min(position, out.steps.count)
        return (out, divergence)
    }

    /// The kept branches as their choices, for replaying them under another run.
    public var keptChoices: [BranchChoices] { kept.map { BranchChoices(number: $0.number, choices: $0.steps.map(\.choice)) } }

    /// Makes `branches` the kept ones, each replayed from the initial world under `run` as far as
    /// it applies (one that no step of applies is dropped), and numbers the branch on screen `current`.
    public mutating func restore(_ branches: [BranchChoices], current: Int, run: Run) {
        kept = branches.compactMap { b in
            var h = History(initial: initial)
            h.replay(b.choices, run: run)
            return h.steps.isEmpty ? nil : KeptBranch(number: b.number, steps: h.steps)
        }
        branch = current
    }

    /// Drops the redo tail, so the schedule ends at `position`.
    public mutating func truncate() {
        steps.removeSubrange(position...)
    }

    /// Appends a thread for `op` to `run` and to every kept world: a new thread has taken no step,
    /// so the history stays valid as if it had been there from the start.
    public mutating func add(_ op: Operation, to run: inout Run) -> Int {
        let t = run.add(op, to: &initial)
        for i in steps.indices { steps[i].world.addThread() }
        for b in kept.indices { for i in kept[b].steps.indices { kept[b].steps[i].world.addThread() } }
        return t
    }
}

/// A branch other than the current one: its number (1 is the first schedule taken) and every
/// step of it from the initial world.
public struct KeptBranch: Sendable, Equatable {
    public var number: Int
    public var steps: [TakenStep]
}

/// A kept branch by its choices alone: what a scheme switch replays.
public struct BranchChoices: Sendable, Equatable {
    public var number: Int
    public var choices: [Choice]
}

/// One step as it was taken: the choice, the world after it, which way it went and why (the
/// engine's decision, nil for a step with one way through), and the invariants it newly broke.
/// Every view and the status line read this record; none recomputes it.
public struct TakenStep: Sendable, Equatable {
    public var choice: Choice
    public var world: World
    public var decision: String?
    public var newViolations: [Violation]
}
