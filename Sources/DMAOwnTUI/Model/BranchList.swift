import DMAOwnEngine
import DMAOwnExplorer

/// One row of the branch list (`b`): a branch, where it parts from the one on screen, and how it
/// ends, so a reviewer can tell the futures apart without switching to each.
public struct BranchSummary: Sendable, Equatable {
    public var number: Int
    public var isCurrent: Bool
    /// Steps the branch holds, from the initial world.
    public var steps: Int
    /// How many first steps it shares with the current branch (the row it parts at).
    public var shared: Int
    /// Each thread's result at the branch's end (`0`, `-EBUSY`, `crashed`), or nil while unfinished.
    public var results: [String?]
    /// Every invariant some step of the branch broke, in the order first broken.
    public var violations: [Invariant]
}

extension History {
    /// Every branch's number, the current one included, in order.
    public var branchNumbers: [Int] { (kept.map(\.number) + [branch]).sorted() }

    /// A row for every branch, in number order, judged under `run`.
    public func branchSummaries(run: Run) -> [BranchSummary] {
        let all = kept + [KeptBranch(number: branch, steps: steps)]
        return all.sorted { $0.number < $1.number }.map { b in
            let end = b.steps.last?.world ?? initial
            var broken: [Invariant] = []
            for v in b.steps.flatMap(\.newViolations) where !broken.contains(v.invariant) { broken.append(v.invariant) }
            return BranchSummary(
                number: b.number, isCurrent: b.number == branch, steps: b.steps.count,
                shared: zip(steps, b.steps).prefix { $0.choice == $1.choice }.count,
                results: run.operations.indices.map { t in t < end.threadCount ? run.result(of: t, in: end) : nil },
                violations: broken)
        }
    }
}
