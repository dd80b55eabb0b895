import DMAOwnEngine
import DMAOwnExplorer

/// One selectable row of the explorer's results. Enter on any of them loads a shortest schedule
/// found that ends there: an outcome's, or a violation's counterexample.
public enum ExplorerRow: Sendable, Equatable {
    /// `result.outcomes[i]`: every thread's result.
    case outcome(Int)
    /// `result.clusters[cluster].outcomes[index]`: listed instead of combined outcomes when those
    /// are too many; its schedule runs that cluster's threads only.
    case clusterOutcome(cluster: Int, index: Int)
    /// `result.violations[i]`.
    case violation(Int)

    /// Every row of `result`, in the order the overlay draws them: outcomes, then violations.
    public static func rows(_ result: Exploration) -> [ExplorerRow] {
        let outcomes: [ExplorerRow] = result.outcomesListed
            ? result.outcomes.indices.map { .outcome($0) }
            : result.clusters.enumerated().flatMap { k, c in c.outcomes.indices.map { ExplorerRow.clusterOutcome(cluster: k, index: $0) } }
        return outcomes + result.violations.indices.map { .violation($0) }
    }

    /// The row selected when results arrive: the first violation (what the search was run to
    /// find), else the first outcome.
    public static func initial(_ result: Exploration) -> Int {
        let rows = rows(result)
        return rows.firstIndex { if case .violation = $0 { true } else { false } } ?? 0
    }

    /// The schedule from the world the search started in to this row's end, nil when the search
    /// kept none (it never met that end).
    public func schedule(in result: Exploration) -> [Choice]? {
        switch self {
        case .outcome(let i):
            return result.outcomes.indices.contains(i) ? result.schedule(reaching: result.outcomes[i].results) : nil
        case .clusterOutcome(let k, let i):
            guard result.clusters.indices.contains(k), result.clusters[k].outcomes.indices.contains(i) else { return nil }
            return result.schedule(reaching: result.clusters[k].outcomes[i].results, inCluster: k)
        case .violation(let i):
            return result.violations.indices.contains(i) ? result.violations[i].schedule : nil
        }
    }

    /// The outcome's words, `KEY → RESULT, …`, as `dmaown compare` labels it (nil for a violation).
    public func label(in result: Exploration, run: Run) -> String? {
        let keys = OutcomeWords.keys(run)
        switch self {
        case .outcome(let i):
            return OutcomeWords.label(result.outcomes[i].results, keys: keys)
        case .clusterOutcome(let k, let i):
            let c = result.clusters[k]
            return "cluster \(k + 1): " + OutcomeWords.label(c.outcomes[i].results, keys: c.threads.map { keys[$0] })
        case .violation:
            return nil
        }
    }
}
