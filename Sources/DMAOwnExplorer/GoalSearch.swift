import DMAOwnEngine
import DMAOwnScenario

/// The shortest schedule to a lesson's goal: the explorer's own layered pass with a goal step in
/// place of the invariants, unreduced so no shorter way is pruned. The TUI's "shortest possible"
/// and the course tests both ask this, so the figure the learner sees is the explorer's.
public struct GoalSearch: Sendable {
    public let run: Run
    public let world: World
    /// A bound on states, so a lesson too large to search answers "unknown" rather than hanging.
    public let maxStates: Int?

    public init(run: Run, world: World, maxStates: Int? = 2_000_000) {
        self.run = run; self.world = world; self.maxStates = maxStates
    }

    /// What the search found: the shortest schedule (nil when no schedule reaches the goal), and
    /// whether the search covered every state (a bound can leave a goal unfound).
    public struct Found: Sendable, Equatable {
        public var schedule: [Choice]?
        public var complete: Bool
    }

    /// Searches every schedule for the shortest one whose last step satisfies `goal(before, after, thread, fail)`.
    public func shortest(_ goal: @escaping (_ before: World, _ after: World, _ thread: Int, _ fail: Bool) -> Bool) -> Found {
        let search = LayeredSearch(
            run: run, initial: world,
            config: .init(reduce: false, judge: true, count: false, maxStates: maxStates, maxDepth: nil, goal: goal),
            persistent: nil)
        search.search(progress: { _ in }, isCancelled: { false })
        return Found(schedule: search.goalSchedule(), complete: search.complete)
    }
}

extension GoalSearch {
    /// The shortest schedule meeting `scenario`'s goal under `scheme`, from the world its setup
    /// leaves; nil when it has no goal or its setup fails under that scheme.
    public static func shortest(for scenario: Scenario, scheme: SchemeID) -> Found? {
        guard let win = scenario.goal?.win, case .success(let p) = scenario.prepare(scheme: scheme) else { return nil }
        let run = p.run
        return GoalSearch(run: run, world: p.world).shortest { before, after, t, fail in
            win.isMet(before: before, after: after, thread: t, fail: fail, run: run)
        }
    }
}
