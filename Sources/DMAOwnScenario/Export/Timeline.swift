import DMAOwnEngine

/// A schedule replayed from an initial world, keeping the world after every step: every exporter
/// reads this one record, so all formats agree on what happened and when.
public struct Timeline: Sendable {
    /// One step taken: who took it, the kernel step, the world around it, and what it broke.
    public struct Entry: Sendable {
        /// 0-based thread index.
        public let thread: Int
        /// The scheduler chose the step's failure branch (a driver's `may_fail`).
        public let fail: Bool
        public let step: Step
        public let before: World
        public let after: World
        /// Invariants broken after this step that were not broken before it.
        public let newViolations: [Violation]
        /// Which way the step went and the values that decided it (the engine's `Step.explain`);
        /// nil for a step with one way through. Every format prints this same sentence.
        public let decision: String?
    }

    public let run: Run
    public let initial: World
    public let entries: [Entry]

    /// The world after the last step.
    public var final: World { entries.last?.after ?? initial }

    /// Replays `schedule` (0-based threads) from `initial`; a choice whose thread cannot step is an error.
    public init(run: Run, initial: World, schedule: [(thread: Int, fail: Bool)]) throws(TimelineError) {
        var world = initial
        var entries: [Entry] = []
        for (i, choice) in schedule.enumerated() {
            guard (0..<run.operations.count).contains(choice.thread) else {
                throw TimelineError(index: i, message: "there is no thread \(choice.thread + 1)")
            }
            guard case .runnable(_, let canFail) = run.status(of: choice.thread, in: world),
                  let step = run.currentStep(of: choice.thread, in: world) else {
                throw TimelineError(index: i, message: "thread \(choice.thread + 1) cannot step here")
            }
            guard canFail || !choice.fail else {
                throw TimelineError(index: i, message: "thread \(choice.thread + 1)'s step '\(step.title)' cannot fail")
            }
            let before = world
            let decision = run.stepExplained(&world, thread: choice.thread, fail: choice.fail)
            let was = run.broken(in: before)
            let new = run.violations(in: world).filter { !was.contains(InvariantSet($0.invariant)) }
            entries.append(Entry(thread: choice.thread, fail: choice.fail, step: step, before: before, after: world,
                                 newViolations: new, decision: decision))
        }
        self.run = run; self.initial = initial; self.entries = entries
    }

    /// Every violation the timeline shows, each with the 1-based step number where it first appears.
    public var violations: [(step: Int, violation: Violation)] {
        entries.enumerated().flatMap { i, e in e.newViolations.map { (i + 1, $0) } }
    }

    /// One complete schedule, for exports of scenarios where nothing breaks: the lowest-numbered
    /// runnable thread steps, always on the success branch, until every thread is done or all are blocked.
    public static func firstComplete(run: Run, initial: World) -> [(thread: Int, fail: Bool)] {
        var world = initial
        var schedule: [(thread: Int, fail: Bool)] = []
        while !run.isFinished(world),
              let t = (0..<run.operations.count).first(where: { run.choices(of: $0, in: world) > 0 }) {
            run.step(&world, thread: t)
            schedule.append((t, false))
        }
        return schedule
    }
}
