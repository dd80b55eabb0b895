import DMAOwnEngine

/// Searching independent clusters one by one and combining what they found.
///
/// Clusters share no record, so a complete schedule of the whole run is a shuffle of one complete
/// schedule per cluster, and every state is a tuple of cluster states. From that:
/// - `isolation`, `warn`, `lock-order`: broken in the whole run exactly when broken in some
///   cluster (isolation is judged per group, the flags are sticky and only ever set), with that
///   cluster's schedule as the shortest.
/// - `deadlock`: some cluster deadlocks while every other reaches any end (finished or itself
///   deadlocked); the schedule is the deadlocking cluster's, then each other's shortest to an end.
/// - `stale-owner`: judged only when every thread has finished, so every cluster must reach a
///   finished end; some cluster's own groups are stale there, or a group no thread touches was
///   stale from the start.
/// - outcomes: the product of the clusters' outcome sets; a combination's interleavings are the
///   clusters' schedules by length, interleaved (`LengthCounts`).
extension Explorer {
    /// What one cluster's search leaves for the combination, its tables already freed.
    private struct Findings {
        var cluster: ClusterRun
        var broken: [Invariant: [Choice]]
        var toEnd: [Choice]?
        var toFinished: [Choice]?
        var outcomes: [[UInt8]: LengthCounts]
        var result: ClusterResult
    }

    /// The most combined outcomes listed one by one; past it only each cluster's own are.
    public static let maxListedOutcomes = 4096

    func exploreClusters(_ clusters: [[Int]], progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) -> Exploration {
        var findings: [Findings] = []
        var states = 0, transitions = 0, countingStates = 0, countingTransitions = 0, peak = 0, otherCPU = 0.0
        var complete = true, stop: ExplorationStop?, countingStop: CountingStop?
        var reductions: [ReductionUsed] = []
        var countingFolded = false
        var budget = options.countingBudget
        for (k, threads) in clusters.enumerated() {
            let cluster = ClusterRun(threads: threads, of: run, from: world)
            let before = states + countingStates, beforeTransitions = transitions + countingTransitions
            let search = ClusterSearch(
                run: cluster.run, world: cluster.world, options: options, byLength: true,
                budget: countingStop == nil ? budget : 0, staleGroups: cluster.ownGroups,
                progress: { p in
                    progress(ExplorationProgress(states: before + p.states, transitions: beforeTransitions + p.transitions, depth: p.depth,
                                                 fraction: (Double(k) + (p.fraction ?? 0)) / Double(clusters.count), bytes: p.bytes))
                }, isCancelled: isCancelled)
            let v = search.verdict
            states += v.states; transitions += v.transitions
            countingStates += search.countingStates; countingTransitions += search.countingTransitions
            if let b = budget { budget = b - search.countingStates }
            peak = max(peak, search.peakBytes)
            otherCPU += search.otherCPUSeconds
            complete = complete && search.complete
            stop = stop ?? search.stop
            if countingStop == nil || countingStop == .notAsked { countingStop = search.countingStop }
            reductions.append(search.reduction)
            var broken: [Invariant: [Choice]] = [:]
            for b in v.brokenAt { broken[b.invariant] = cluster.global(v.schedule(to: b.id)) }
            let outcomes = search.outcomesByLength()
            let listed = Outcome.mostFrequentFirst(outcomes.map { key, counts in
                Outcome(results: key.map(LayeredSearch.resultName), schedules: counts.total)
            })
            var own = ClusterResult(threads: threads, groups: cluster.groups.map { run.topology.groups[$0].id }, outcomes: listed,
                                 states: v.states, transitions: v.transitions, countingStates: search.countingStates)
            own.outcomeSchedules = search.outcomeSchedules().mapValues(cluster.global)
            own.countingSymmetry = search.interchangeable.map { $0.map { threads[$0] } }
            countingFolded = countingFolded || search.countingFolded
            findings.append(Findings(
                cluster: cluster, broken: broken,
                toEnd: v.shortestTerminal.map { cluster.global(v.schedule(to: $0.id)) },
                toFinished: v.shortestFinished.map { cluster.global(v.schedule(to: $0.id)) },
                outcomes: outcomes, result: own))
            if search.stop == .cancelled { break }
        }
        let counted = countingStop == nil && findings.count == clusters.count
        var result = Exploration(
            complete: complete && findings.count == clusters.count, cancelled: stop == .cancelled, states: states, transitions: transitions,
            seconds: 0, peakBytes: peak, violations: counterexamples(findings), outcomes: [],
            countingStates: countingStates, countingTransitions: countingTransitions)
        result.stop = stop
        result.schedulesCounted = counted
        result.countingStop = counted ? nil : (countingStop ?? .bound(.cancelled))
        result.reduction = reductions.first { if case .folded = $0 { true } else { false } } ?? reductions.max { $0.resources < $1.resources } ?? .off
        result.clusters = findings.map(\.result)
        result.countingSymmetry = findings.flatMap(\.result.countingSymmetry)
        result.countingFolded = countingFolded
        result.otherCPUSeconds = otherCPU
        result.outcomeCount = findings.reduce(1) { LengthCounts.saturatingMultiply($0, ScheduleCount($1.outcomes.count)) }
        if counted {
            var all = LengthCounts.one
            for f in findings {
                var sum = LengthCounts()
                for counts in f.outcomes.values { sum.add(counts) }
                all = all.interleaved(with: sum)
            }
            result.totalSchedules = all.total
        }
        if result.outcomeCount <= ScheduleCount(Self.maxListedOutcomes) {
            result.outcomes = combinedOutcomes(findings, counted: counted)
        }
        return result
    }

    /// Every combination of the clusters' outcomes, with each thread's result in thread order and
    /// the interleavings ending that way, most frequent first.
    private func combinedOutcomes(_ findings: [Findings], counted: Bool) -> [Outcome] {
        let n = run.operations.count
        var out: [Outcome] = []
        var results = [String](repeating: "", count: n)
        // Every combination's length is at most the sum of the clusters' longest, and each step
        // interleaves one cluster's lengths (k) into the combination so far.
        let longest = findings.map { max(0, $0.outcomes.values.map { $0.counts.count - 1 }.max() ?? 0) }
        let binomials = Binomials(upTo: counted ? longest.reduce(0, +) : 0, kMax: counted ? longest.max() ?? 0 : 0)
        func visit(_ k: Int, _ counts: LengthCounts) {
            if k == findings.count {
                out.append(Outcome(results: results, schedules: counted ? counts.total : 0))
                return
            }
            let f = findings[k]
            for (key, c) in f.outcomes {
                for (i, t) in f.cluster.threads.enumerated() { results[t] = LayeredSearch.resultName(key[i]) }
                visit(k + 1, counted ? counts.interleaved(with: c, binomials: binomials) : counts)
            }
        }
        visit(0, .one)
        return Outcome.mostFrequentFirst(out)
    }

    /// Each invariant's shortest schedule in the whole run, built from the clusters' (see above).
    private func counterexamples(_ findings: [Findings]) -> [Counterexample] {
        let complete = findings.allSatisfy { $0.toEnd != nil }
        let allFinish = findings.allSatisfy { $0.toFinished != nil }
        var out: [Counterexample] = []
        for inv in Invariant.allCases {
            var candidates: [[Choice]] = []
            for (k, f) in findings.enumerated() {
                guard let own = f.broken[inv] else { continue }
                switch inv {
                case .deadlock:
                    guard complete else { continue }
                    candidates.append(own + findings.enumerated().filter { $0.offset != k }.flatMap { $0.element.toEnd! })
                case .staleOwner:
                    guard allFinish else { continue }
                    candidates.append(own + findings.enumerated().filter { $0.offset != k }.flatMap { $0.element.toFinished! })
                default:
                    candidates.append(own)
                }
            }
            if inv == .staleOwner, allFinish, untouchedGroupIsStale(findings) {
                candidates.append(findings.flatMap { $0.toFinished! })
            }
            guard let schedule = candidates.min(by: { $0.count < $1.count }) else { continue }
            var w = world
            for c in schedule { run.step(&w, thread: c.thread, fail: c.fail) }
            let message = run.violations(in: w).first { $0.invariant == inv }?.message ?? inv.meaning
            out.append(Counterexample(invariant: inv, message: message, schedule: schedule))
        }
        return out
    }

    /// Whether a group no cluster touches has stale ownership in the starting world (it keeps it).
    private func untouchedGroupIsStale(_ findings: [Findings]) -> Bool {
        let touched = Set(findings.flatMap(\.cluster.ownGroups))
        return run.topology.groups.indices.contains { g in
            !touched.contains(g) && run.scheme.staleOwnership(ofGroup: g, in: world, run: run) != nil
        }
    }
}

extension ReductionUsed {
    /// How many device and group records got conflict bits.
    var resources: Int {
        switch self {
        case .off: 0
        case .exact(let n), .folded(let n): n
        }
    }
}
