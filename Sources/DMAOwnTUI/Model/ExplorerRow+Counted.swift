import DMAOwnExplorer

extension ExplorerRow {
    /// The index in `ExplorerRow.rows(counted)` of the row that was row `selected` of `verdict`,
    /// when the schedule counts replace the verdict shown first: outcomes are listed most frequent
    /// first, so with counts they move, and the pick follows its outcome (same results) or its
    /// invariant. The initial row when nothing matches.
    public static func carry(_ selected: Int, from verdict: Exploration, to counted: Exploration) -> Int {
        let old = rows(verdict), new = rows(counted)
        guard old.indices.contains(selected) else { return initial(counted) }
        let match: ExplorerRow? = switch old[selected] {
        case .outcome(let i):
            counted.outcomes.firstIndex { $0.results == verdict.outcomes[i].results }.map { .outcome($0) }
        case .clusterOutcome(let k, let i):
            counted.clusters.indices.contains(k)
                ? counted.clusters[k].outcomes.firstIndex { $0.results == verdict.clusters[k].outcomes[i].results }.map { .clusterOutcome(cluster: k, index: $0) }
                : nil
        case .violation(let i):
            counted.violations.firstIndex { $0.invariant == verdict.violations[i].invariant }.map { .violation($0) }
        }
        return match.flatMap { new.firstIndex(of: $0) } ?? initial(counted)
    }
}
