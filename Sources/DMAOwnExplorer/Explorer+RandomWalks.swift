import DMAOwnEngine

extension Explorer {
    /// Runs `count` random complete schedules (every enabled thread and branch equally likely at
    /// each step), for scenarios too large to exhaust; reproducible from `seed`.
    ///
    /// Reports each invariant hit with the shortest walk prefix that broke it, and the outcomes
    /// seen with how many walks ended that way (`schedules` counts walks here, not interleavings).
    /// The result is never `complete`.
    public func randomWalks(count: Int, seed: UInt64, isCancelled: () -> Bool = { false }) -> Exploration {
        let clock = ContinuousClock()
        let start = clock.now
        var rng = SplitMix64(seed: seed)
        let threads = run.operations.count
        var best: [Invariant: [Choice]] = [:]
        var outcomes: [[UInt8]: ScheduleCount] = [:]
        var steps = 0, cancelled = false
        var options: [Choice] = []
        for walk in 0..<count {
            if walk & 63 == 0 && isCancelled() { cancelled = true; break }
            var w = world
            var schedule: [Choice] = []
            while true {
                steps += 1
                for inv in run.broken(in: w).members where (best[inv]?.count ?? Int.max) > schedule.count { best[inv] = schedule }
                options.removeAll(keepingCapacity: true)
                for t in 0..<threads {
                    let n = run.choices(of: t, in: w)
                    for f in 0..<n { options.append(Choice(thread: t, fail: f == 1)) }
                }
                if options.isEmpty { break }
                let c = options[Int(rng.next() % UInt64(options.count))]
                run.step(&w, thread: c.thread, fail: c.fail)
                schedule.append(c)
            }
            let key = (0..<threads).map { t -> UInt8 in
                switch run.status(of: t, in: w) {
                case .done(let e): e.rawValue
                case .crashed: LayeredSearch.crashedByte
                default: LayeredSearch.deadlockedByte
                }
            }
            outcomes[LayeredSearch.terminalKey(key, run: run, world: w), default: 0] += 1
        }
        let violations = Invariant.allCases.compactMap { inv -> Counterexample? in
            guard let schedule = best[inv] else { return nil }
            var w = world
            for c in schedule { run.step(&w, thread: c.thread, fail: c.fail) }
            return Counterexample(invariant: inv, message: run.violations(in: w).first { $0.invariant == inv }?.message ?? inv.meaning,
                                  schedule: schedule)
        }
        let list = Outcome.mostFrequentFirst(outcomes.map { Outcome(results: $0.key.map(LayeredSearch.resultName), schedules: $0.value) })
        return Exploration(complete: false, cancelled: cancelled, states: steps, transitions: max(0, steps - count),
                           seconds: (clock.now - start).seconds, peakBytes: 0, violations: violations, outcomes: list)
    }
}
