import DMAOwnEngine

/// The two passes over one run (a whole run, or one independent cluster of it): the verdict pass,
/// reduced unless `--no-por`, and the unreduced pass that counts interleavings, within the
/// counting budget. What later stages need is copied out, so the passes' tables can be freed
/// before the next cluster is searched.
struct ClusterSearch {
    let verdict: LayeredSearch
    let counting: LayeredSearch?
    let reduction: ReductionUsed
    /// The interchangeable threads the passes folded together (this run's numbers).
    private(set) var interchangeable: [[Int]] = []
    /// Whether the states that counted interleavings (the counting pass, or a fused verdict pass)
    /// were folded: a saturated sum makes that pass run again unfolded while the verdict stays folded.
    private(set) var countingFolded = false
    /// Whether the outcomes carry counts, and why not.
    let countingStop: CountingStop?
    /// CPU seconds the counting pass's second thread used (`LayeredSearch.countInShards`): the
    /// calling thread's own clock does not see them.
    private(set) var otherCPUSeconds = 0.0

    /// Runs the passes. `byLength` counts by schedule length (for combining clusters);
    /// `budget` bounds the counting pass's states (nil: no budget); `staleGroups` restricts
    /// `stale-owner` to a cluster's own groups.
    init(run: Run, world: World, options: ExplorationOptions, byLength: Bool, budget: Int?, staleGroups: [Int]?,
         progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) {
        let footprints = options.partialOrderReduction ? Footprints(run: run, world: world) : nil
        let reduce = footprints != nil
        reduction = footprints.map { $0.folded ? .folded(resources: $0.resources) : .exact(resources: $0.resources) } ?? .off
        // Without reduction and without length counts, the verdict pass counts interleavings itself.
        let fused = !reduce && !byLength && options.countSchedules
        let symmetry = options.threadSymmetry ? ThreadSymmetry(run: run, world: world) : nil
        let twoPasses = options.countSchedules && !fused
        let bar = ProgressBar(run: run, firstPassShare: twoPasses ? 0.2 : 1)
        let limit = [options.maxStates, budget].compactMap { $0 }.min()
        func countingConfig(symmetry: ThreadSymmetry?) -> LayeredSearch.Config {
            .init(reduce: false, judge: false, count: true, maxStates: limit, maxDepth: options.maxDepth,
                  maxBytes: options.maxBytes, byLength: byLength, symmetry: symmetry)
        }
        // The counting pass starts beside a verdict pass that proves long (`CountingAhead`), when
        // it will be wanted: beside a short one, the thread cost more than it saved.
        var ahead: CountingAhead?
        let wantsAhead = twoPasses && (budget.map { $0 > 0 } ?? true)
        func judge(symmetry: ThreadSymmetry?) -> LayeredSearch {
            let pass = LayeredSearch(
                run: run, initial: world,
                config: .init(reduce: reduce, judge: true, count: fused, maxStates: options.maxStates, maxDepth: options.maxDepth,
                              maxBytes: options.maxBytes, staleGroups: staleGroups, symmetry: symmetry),
                persistent: footprints.map(PersistentSet.init))
            if wantsAhead {
                pass.onStates = { states in
                    guard ahead == nil, states >= CountingAhead.verdictStates else { return }
                    ahead = CountingAhead(run: run, world: world,
                                          config: countingConfig(symmetry: options.threadSymmetry ? ThreadSymmetry(run: run, world: world) : nil))
                }
                pass.onLiveBytes = { ahead?.verdictHolds($0) }
            }
            pass.search(progress: { progress(bar.first($0)) }, isCancelled: { ahead?.cancelled(isCancelled()) ?? isCancelled() })
            return pass
        }
        var verdict = judge(symmetry: symmetry)
        // A saturated sum cannot be shared out between swapped outcomes: search every state instead.
        if verdict.symmetrySaturated { verdict = judge(symmetry: nil) }
        self.verdict = verdict
        interchangeable = verdict.config.symmetry?.classes ?? []
        countingFolded = fused && verdict.config.symmetry != nil

        guard options.countSchedules else { counting = nil; countingStop = .notAsked; return }
        if fused {
            // The counts are those of the states explored; a partial verdict pass says so itself.
            counting = nil; countingStop = nil
            return
        }
        guard verdict.stop != .cancelled else { ahead?.abandon(); counting = nil; countingStop = .bound(.cancelled); return }
        if let budget, budget <= 0 { counting = nil; countingStop = .budget(options.countingBudget ?? 0); return }
        let before = verdict.states, beforeTransitions = verdict.transitions
        // Two threads (`countInShards`): the pass's figures are the same as on one.
        func second(_ p: ExplorationProgress) {
            progress(bar.second(ExplorationProgress(states: before + p.states, transitions: beforeTransitions + p.transitions,
                                                    depth: p.depth, fraction: p.fraction, bytes: p.bytes)))
        }
        func count(symmetry: ThreadSymmetry?) -> LayeredSearch {
            LayeredSearch.countInShards(run: run, initial: world, config: countingConfig(symmetry: symmetry), progress: second, isCancelled: isCancelled)
        }
        var pass: LayeredSearch
        if let done = ahead?.finish(progress: second, isCancelled: isCancelled) {
            pass = done.pass
            otherCPUSeconds = done.otherCPU + pass.otherCPUSeconds
        } else {
            // Not started (the verdict pass was short), or dropped to keep both passes' tables
            // within the memory bound: counted now.
            pass = count(symmetry: symmetry)
            otherCPUSeconds = pass.otherCPUSeconds
        }
        // A saturated sum cannot be shared out between swapped outcomes: count every state instead.
        if pass.symmetrySaturated { pass = count(symmetry: nil); otherCPUSeconds += pass.otherCPUSeconds }
        if interchangeable.isEmpty { interchangeable = pass.config.symmetry?.classes ?? [] }
        countingFolded = pass.config.symmetry != nil
        counting = pass
        switch pass.stop {
        case nil: countingStop = nil
        case .maxStates? where budget != nil && (options.maxStates.map { budget! < $0 } ?? true):
            countingStop = .budget(options.countingBudget ?? budget!)
        case let s?: countingStop = .bound(ExplorationStop(s))
        }
    }

    var schedulesCounted: Bool { countingStop == nil }
    /// The verdict is partial (a bound or cancellation stopped the verdict pass, or cancellation the counting pass).
    var complete: Bool { verdict.complete && counting?.stop != .cancelled }
    var stop: ExplorationStop? {
        if let s = verdict.stop { return ExplorationStop(s) }
        return counting?.stop == .cancelled ? .cancelled : nil
    }
    var peakBytes: Int { max(verdict.peakBytes, counting?.peakBytes ?? 0) }
    var countingStates: Int { counting?.states ?? 0 }
    var countingTransitions: Int { counting?.transitions ?? 0 }

    /// The outcomes with counts (zero when not counted), most frequent first.
    func outcomeList() -> [Outcome] {
        if schedulesCounted, let counting { return counting.outcomeList() }
        let list = verdict.outcomeList()
        return schedulesCounted ? list : list.map { Outcome(results: $0.results, schedules: 0) }
    }

    /// Each outcome the verdict pass met, with its shortest schedule there (this run's threads).
    /// The reduced pass keeps every terminal state, so it meets every outcome the counting pass counts.
    func outcomeSchedules() -> [[String]: [Choice]] { verdict.outcomeSchedules() }

    /// With `byLength`: each outcome's result bytes and its complete interleavings by length
    /// (empty counts when not counted).
    func outcomesByLength() -> [[UInt8]: LengthCounts] {
        var out: [[UInt8]: LengthCounts] = [:]
        if schedulesCounted, let counting {
            for (key, n) in counting.outcomes {
                let length = Int(key[key.count - 2]) | Int(key[key.count - 1]) << 8
                out[Array(key.dropLast(2)), default: LengthCounts()].add(n, length: length)
            }
        } else {
            for key in verdict.outcomes.keys { out[key] = LengthCounts() }
        }
        return out
    }
}

extension ExplorationStop {
    init(_ s: LayeredSearch.Stop) {
        switch s {
        case .maxStates: self = .maxStates
        case .maxDepth: self = .maxDepth
        case .memory: self = .memory
        case .cancelled: self = .cancelled
        }
    }
}
