import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// `dmaown learn` in the TUI: the course's lessons, the learner's progress, the lesson open now,
/// and whether the lesson list covers the screen.
public struct CourseState: Sendable {
    /// Each lesson's name and title, in course order.
    public var lessons: [(name: String, title: String, goal: String)]
    public var progress: CourseProgress
    /// Where progress is saved (nil: nowhere to save it, e.g. no HOME).
    public var progressPath: String?
    /// The lesson open now, if any.
    public var lesson: LessonSession?
    /// The lesson list's selected row, while the list is shown.
    public var listSelection: Int?

    public init(lessons: [(name: String, title: String, goal: String)], progress: CourseProgress, progressPath: String?) {
        self.lessons = lessons; self.progress = progress; self.progressPath = progressPath
    }
}

/// One lesson being played: its goal, the explorer's shortest solution, the hints revealed, and
/// the win once it happens.
public struct LessonSession: Sendable {
    /// 1-based position in the course.
    public var number: Int
    public var name: String
    public var goal: Goal
    /// The schemes the goal counts under (the scenario's own when the goal names none).
    public var schemes: [SchemeID]
    /// The explorer's fewest steps to the goal under the scheme open now; nil when unknown.
    public var shortest: Int?
    /// The scheme `shortest` was searched under.
    public var shortestScheme: SchemeID?
    /// How many hints are shown (they are revealed in order).
    public var hintsShown = 0
    /// Set once the goal is reached.
    public var won: Win?
    /// The win box covers the screen (Esc hides it and the learner keeps exploring).
    public var showingWin = false

    /// A reached goal: how many steps the learner's schedule took.
    public struct Win: Sendable, Equatable {
        public var steps: Int
    }

    /// A session for lesson `number` of the scenario `scenario`, with its shortest solution found
    /// by the explorer's goal search under `scheme`.
    public init?(number: Int, name: String, scenario: Scenario, scheme: SchemeID) {
        guard let goal = scenario.goal else { return nil }
        self.number = number; self.name = name; self.goal = goal
        schemes = goal.schemes.isEmpty ? [scenario.scheme] : goal.schemes
        shortest = LessonSession.shortest(scenario, scheme: scheme)
    }

    /// The fewest steps to `scenario`'s goal under `scheme`, as the explorer finds them.
    public static func shortest(_ scenario: Scenario, scheme: SchemeID) -> Int? {
        guard let found = GoalSearch.shortest(for: scenario, scheme: scheme) else { return nil }
        return found.schedule?.count
    }

    /// Whether the world at history position `k` of `s` meets the goal: under one of the goal's
    /// schemes, within `max_steps`, and (for a decision) by the step that led there.
    public func isMet(in s: AppState, at k: Int) -> Bool {
        guard schemes.contains(s.scheme), k <= (goal.maxSteps ?? .max) else { return false }
        guard let step = s.history.step(at: k) else { return goal.win.isMetAtStart(s.history.world(at: k), run: s.run) }
        return goal.win.isMet(before: s.history.world(at: k - 1), after: step.world, thread: step.choice.thread, fail: step.choice.fail, run: s.run)
    }
}
