import DMAOwnEngine
import DMAOwnExplorer

extension App {
    /// Starts the explorer, or shows its last results while nothing changed.
    static func explore(_ s: inout AppState) -> [Effect] {
        if s.explorerRunning { s.overlay = .explorer(ExplorerView()); return [] }
        let job = s.explorerJob
        if Explorer(run: job.run, world: job.world).oversizedCluster != nil {
            // Refused up front: an empty result would read like a verdict.
            s.message = StatusMessage(.error, "explorer: more than \(Explorer.maxThreads) threads work on the same devices or groups; too many to explore every interleaving (r and R still step)")
            return []
        }
        s.explorerRunning = true
        s.explorerPrefix = Array(s.history.choices.prefix(s.explorerStartRow))
        s.overlay = .explorer(ExplorerView())
        s.explorerJobID += 1
        return [.startExplorer(job: s.explorerJobID)]
    }

    static func background(_ s: inout AppState, job: Int, _ report: BackgroundReport) -> [Effect] {
        // A report from a job that is not the newest (cancelled, then replaced) says nothing about now.
        guard job == s.explorerJobID else { return [] }
        switch report {
        case .progress(let p):
            if s.explorerRunning, case .explorer(var v) = s.overlay { v.progress = p; s.overlay = .explorer(v) }
            return []
        case .finished(let e):
            s.explorerRunning = false
            s.lastExploration = e
            if e.cancelled {
                // The progress shown counted both passes; say the same number.
                s.message = StatusMessage(.info, "explorer cancelled after \(e.states + e.countingStates) states")
                if case .explorer = s.overlay { s.overlay = nil }
                return []
            }
            s.overlay = .explorer(ExplorerView(result: e))
            let verdict = e.violations.isEmpty ? "no invariant broken" : "\(e.violations.count) invariant(s) broken"
            let partial = e.complete ? "" : e.stop == .memory ? " (partial: memory bound)" : " (partial)"
            s.message = StatusMessage(e.violations.isEmpty ? .info : .violation,
                                      "explorer: \(e.states) states, \(e.outcomeCount) outcome(s), \(verdict)\(partial)")
            return []
        }
    }

    /// Keys in the explorer overlay: Esc cancels a running search or closes the results; j/k
    /// pick an outcome or a violation and Enter loads a shortest schedule ending there; `f`
    /// searches again from the start, or again from the selected timeline row.
    static func explorerKey(_ s: inout AppState, _ v: ExplorerView, _ key: KeyEvent) -> [Effect] {
        var v = v
        let rows = v.result.map(ExplorerRow.rows) ?? []
        switch key {
        case .escape, .char("q"):
            s.overlay = nil
            if s.explorerRunning && v.result == nil {
                // Not running from here on, even if the shell never answers the cancel.
                s.explorerRunning = false
                s.message = StatusMessage(.info, "explorer cancelled")
                return [.cancelExplorer]
            }
            return []
        case .up, .char("k"): v.selected = max(0, v.selected - 1)
        case .down, .char("j"): v.selected = min(v.selected + 1, max(0, rows.count - 1))
        case .char("f"):
            s.explorerFromStart.toggle()
            let cancel: [Effect] = s.explorerRunning ? [.cancelExplorer] : []
            s.explorerRunning = false
            return cancel + explore(&s)
        case .enter:
            guard let r = v.result, rows.indices.contains(v.selected) else {
                s.message = StatusMessage(.info, "nothing to load: the search met no outcome; Esc closes")
                return [.bell]
            }
            return loadRow(&s, rows[v.selected], of: r)
        default: return []
        }
        s.overlay = .explorer(v)
        return []
    }

    /// Loads a shortest schedule ending at `row`, after the schedule to where the search started.
    static func loadRow(_ s: inout AppState, _ row: ExplorerRow, of r: Exploration) -> [Effect] {
        guard let found = row.schedule(in: r) else {
            s.message = StatusMessage(.error, "the search kept no schedule for this row")
            return [.bell]
        }
        let schedule = s.explorerPrefix + found
        switch row {
        case .violation(let i):
            let c = r.violations[i]
            return loadSchedule(&s, schedule, done: StatusMessage(.violation, "\(c.invariant.rawValue): \(c.message) (\(schedule.count) steps loaded)"))
        case .outcome, .clusterOutcome:
            let label = row.label(in: r, run: s.run) ?? ""
            return loadSchedule(&s, schedule, done: StatusMessage(.info, "outcome \(label) (\(schedule.count) steps loaded)"))
        }
    }

    /// Makes `schedule`, from the initial world, the branch on screen, and says `done`. Nothing the
    /// timeline held is replaced: the steps both share are walked again, and where the schedule
    /// parts from the old one the old future is kept as a branch (`b` lists it), as stepping from
    /// an earlier row keeps it, so unsaved steps stay reachable and no question is needed.
    static func loadSchedule(_ s: inout AppState, _ schedule: [Choice], done: StatusMessage) -> [Effect] {
        var history = s.history
        let old = history.branch
        history.jump(to: 0)
        if let stop = history.replay(schedule, run: s.run) {
            s.message = StatusMessage(.error, "the schedule stopped applying at step \(stop + 1); the timeline is unchanged")
            return [.bell]
        }
        s.history = history
        s.overlay = nil
        s.focus = .timeline
        s.message = StatusMessage(done.kind, done.text + (history.branch != old ? "; the old timeline is kept as branch \(old) (b lists branches)" : ""))
        return []
    }
}
