/// Opening an outcome: the schedule the TUI loads for an outcome row, built from the shortest
/// schedules the verdict pass kept (the same parent chains counterexamples are read from).
extension Exploration {
    /// A shortest schedule found that ends with every thread's result as `results` (thread order),
    /// or nil when the search met no such end. With independent clusters it is each cluster's own
    /// shortest schedule to its part, one cluster after another: they share nothing, so running
    /// them in turn ends the same way as any interleaving of them.
    public func schedule(reaching results: [String]) -> [Choice]? {
        if clusters.isEmpty { return outcomeSchedules[results] }
        var schedule: [Choice] = []
        for c in clusters {
            guard c.threads.allSatisfy(results.indices.contains), let own = c.outcomeSchedules[c.threads.map { results[$0] }] else { return nil }
            schedule += own
        }
        return schedule
    }

    /// A shortest schedule found that ends with cluster `k`'s threads as `results` (its own
    /// threads, in order), leaving the other clusters' threads where they started.
    public func schedule(reaching results: [String], inCluster k: Int) -> [Choice]? {
        clusters.indices.contains(k) ? clusters[k].outcomeSchedules[results] : nil
    }
}
