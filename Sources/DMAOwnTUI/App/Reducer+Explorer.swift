import DMAOwnEngine
import DMAOwnExplorer

extension App {
    /// Starts the explorer, or shows its last results while nothing changed.
    static func explore(_ s: inout AppState) -> [Effect] {
        if s.explorerRunning {
            // While the counts are still coming, the verdict already arrived is what to show.
            var v = ExplorerView(result: s.lastExploration)
            v.counting = s.lastExploration != nil
            s.overlay = .explorer(v)
            return []
        }
        let job = s.explorerJob
        if Explorer(run: job.run, world: job.world).oversizedCluster != nil {
            // Refused up front: an empty result would read like a verdict.
            s.message = StatusMessage(.error, "explorer: more than \(Explorer.maxThreads) threads work on the same devices or groups; too many to explore every interleaving (r and R still step)")
            return []
        }
        s.explorerRunning = true
        s.lastExploration = nil
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
        case .verdict(let e):
            guard s.explorerRunning else { return [] }
            s.lastExploration = e
            if case .explorer(var v) = s.overlay {
                v.result = e; v.counting = true
                s.overlay = .explorer(v)
            }
            s.message = StatusMessage(e.violations.isEmpty ? .info : .violation,
                                      "explorer: \(Self.verdictWords(e)); counting schedules in the background")
            return []
        case .finished(let e):
            s.explorerRunning = false
            // The verdict was shown and its overlay closed since: the counts do not reopen it.
            let verdictShown = s.lastExploration != nil
            s.lastExploration = e
            if e.cancelled {
                // The progress shown counted both passes; say the same number.
                s.message = StatusMessage(.info, "explorer cancelled after \(e.states + e.countingStates) states")
                if case .explorer = s.overlay { s.overlay = nil }
                return []
            }
            if case .explorer(var v) = s.overlay {
                // Keep the counterexample picked while the counts were coming.
                v.result = e; v.counting = false; v.progress = nil
                v.selected = min(v.selected, max(0, e.violations.count - 1))
                s.overlay = .explorer(v)
            } else if !verdictShown {
                s.overlay = .explorer(ExplorerView(result: e))
            }
            s.message = StatusMessage(e.violations.isEmpty ? .info : .violation, "explorer: \(Self.verdictWords(e))")
            return []
        }
    }

    /// "4711 states, 3 outcome(s), no invariant broken", with "(partial…)" when a bound stopped it.
    static func verdictWords(_ e: Exploration) -> String {
        let verdict = e.violations.isEmpty ? "no invariant broken" : "\(e.violations.count) invariant(s) broken"
        let partial = e.complete ? "" : e.stop == .memory ? " (partial: memory bound)" : " (partial)"
        return "\(e.states) states, \(e.outcomeCount) outcome(s), \(verdict)\(partial)"
    }

    /// Keys in the explorer overlay: Esc cancels a running search or closes the results; Enter
    /// loads the selected counterexample's schedule into the timeline.
    static func explorerKey(_ s: inout AppState, _ v: ExplorerView, _ key: KeyEvent) -> [Effect] {
        var v = v
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
        case .down, .char("j"): v.selected = min(v.selected + 1, max(0, (v.result?.violations.count ?? 1) - 1))
        case .enter:
            guard let r = v.result, r.violations.indices.contains(v.selected) else {
                s.message = StatusMessage(.info, "no counterexample to load: nothing breaks; Esc closes")
                return [.bell]
            }
            return loadSchedule(&s, r.violations[v.selected])
        default: return []
        }
        s.overlay = .explorer(v)
        return []
    }

    /// Replaces the schedule with a counterexample's, from the initial world.
    static func loadSchedule(_ s: inout AppState, _ c: Counterexample) -> [Effect] {
        var history = History(initial: s.history.initial)
        let stop = replay(c.schedule, run: s.run, into: &history)
        s.history = history
        s.overlay = nil
        s.focus = .timeline
        if let stop {
            s.message = StatusMessage(.error, "counterexample stopped applying at step \(stop + 1)")
            return [.bell]
        }
        s.message = StatusMessage(.violation, "\(c.invariant.rawValue): \(c.message) (\(c.schedule.count) steps loaded)")
        return []
    }
}
