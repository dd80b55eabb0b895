import DMAOwnEngine

/// The words every view uses for a taken step, read from the history's record: the status line,
/// the thread pane, the timeline and the details pane all say the same thing about the same row.
enum StepWords {
    /// `thread 1 iommu_device_use_default_domain: owner_cnt 1 (qemu's claim), … → -EBUSY (unwinding)`,
    /// or the step's code when it has one way through, ending in the result when the thread finished.
    static func summary(_ s: AppState, row k: Int) -> String? {
        guard let taken = s.history.step(at: k) else { return nil }
        let t = taken.choice.thread
        let before = s.history.world(at: k - 1)
        guard let step = s.run.currentStep(of: t, in: before) else { return nil }
        var text = "thread \(t + 1) \(step.function)\(taken.choice.fail ? " (failure branch)" : ""): "
        if let d = taken.decision {
            text += d
        } else {
            text += step.code
            if let r = s.run.result(of: t, in: taken.world) { text += " → returns \(r)" }
        }
        return text
    }

    /// The status message for the selected row: the full sentence of each invariant it broke,
    /// else its summary.
    static func rowMessage(_ s: AppState, row k: Int) -> StatusMessage? {
        guard let taken = s.history.step(at: k) else { return nil }
        if !taken.newViolations.isEmpty {
            return StatusMessage(.violation, taken.newViolations.map { ViolationText.describe($0, run: s.run, world: taken.world) }.joined(separator: "; "))
        }
        return summary(s, row: k).map { StatusMessage(.info, $0) }
    }

    /// The step index at which thread `t` decided its error (its result stopped being 0), and
    /// that step's decision, among the steps applied now.
    static func decidingStep(_ s: AppState, thread t: Int) -> (index: Int, decision: String?)? {
        let h = s.history
        guard h.position > 0 else { return nil }
        for k in 1...h.position {
            guard let taken = h.step(at: k), taken.choice.thread == t else { continue }
            let before = h.world(at: k - 1)[thread: t], after = taken.world[thread: t]
            if before.result == .ok && after.result != .ok { return (before.pc, taken.decision) }
        }
        return nil
    }

    /// The last step thread `t` took among those applied, with its index and decision.
    static func lastStep(_ s: AppState, thread t: Int) -> (index: Int, row: Int, decision: String?)? {
        let h = s.history
        var k = h.position
        while k > 0 {
            if let taken = h.step(at: k), taken.choice.thread == t {
                return (h.world(at: k - 1)[thread: t].pc, k, taken.decision)
            }
            k -= 1
        }
        return nil
    }

    /// The last clause of a decision, the branch taken: `a sibling still holds the token → kept`
    /// from `owner the kernel DMA API; 01:00.1: T = … (matches): a sibling still holds the token → kept`.
    static func verdict(_ decision: String) -> String {
        guard let r = decision.range(of: ": ", options: .backwards) else { return decision }
        return String(decision[r.upperBound...])
    }

    /// `→ -EBUSY (unwinding)` while a thread that has decided an error is still unwinding.
    static func pendingResult(_ w: World, thread t: Int) -> String? {
        let ts = w[thread: t]
        return !ts.done && ts.result != .ok ? "→ \(ts.result.name) (unwinding)" : nil
    }
}
