/// Says which way a step went and the values that decided it, in kernel terms:
/// `owner_cnt 1 (qemu's claim), owner qemu → -EBUSY (unwinding)`.
///
/// Given the world before and after the step and who ran it. Steps are closures the explorer runs
/// millions of times a second, so the sentence is not built there: a view asks for it only for the
/// steps it shows, and every view (status line, thread pane, timeline, traces, exports) asks the same
/// function, so they all say the same thing.
public typealias Explain = @Sendable (_ before: World, _ after: World, _ context: StepContext) -> String

extension Run {
    /// The decision thread `t`'s step made going from `before` to `after`; nil for a step with one
    /// way through (or when `t` had finished already).
    public func decision(ofThread t: Int, before: World, after: World, failed: Bool) -> String? {
        let (pc, done) = before.progress(ofThread: t)
        guard !done, t < programs.count, pc < programs[t].steps.count else { return nil }
        let step = programs[t].steps[pc]
        guard let text = step.explain?(before, after, StepContext(thread: t, failed: failed && programs[t].canFail[pc])) else { return nil }
        // A release scan's siblings are classified from every thread's progress, which a step's
        // own explanation (given only the worlds) cannot see.
        guard step.role == .releaseScan, let cases = scanCases(ofThread: t, before: before) else { return text }
        return "\(cases); \(text)"
    }

    /// Takes thread `t`'s next step like `step(_:thread:fail:)` and returns its decision, for callers
    /// that show steps one at a time (the TUI, replay, exports), never the explorer.
    public func stepExplained(_ world: inout World, thread t: Int, fail: Bool = false) -> String? {
        let before = world
        step(&world, thread: t, fail: fail)
        return decision(ofThread: t, before: before, after: world, failed: fail)
    }
}

/// The pieces decisions are written from, so every step words the same state the same way.
public enum Decide {
    /// Where the thread went: `→ returns -EBUSY`, `→ -EBUSY (unwinding)`, `→ continues`.
    public static func outcome(_ after: World, _ c: StepContext) -> String {
        let ts = after[thread: c.thread]
        if ts.done { return "→ returns \(ts.result.name)" }
        if ts.result != .ok { return "→ \(ts.result.name) (unwinding)" }
        return "→ continues"
    }

    /// `owner_cnt 1 (qemu's claim), owner qemu, domain qemu's`: the group fields a check reads.
    public static func group(_ g: Int, _ w: World, _ topology: Topology, count: Bool = true) -> String {
        let gs = w[group: g]
        var parts: [String] = []
        if count {
            let who: String = switch gs.owner {
            case .user(let o) where gs.ownerCount == 1: " (\(topology.owners[o])'s claim)"
            case .user(let o) where gs.ownerCount > 1: " (\(topology.owners[o])'s \(gs.ownerCount) claims)"
            case .none where gs.ownerCount == 1: " (one kernel DMA-API user)"
            case .none where gs.ownerCount > 1: " (\(gs.ownerCount) kernel DMA-API users)"
            default: ""
            }
            parts.append("owner_cnt \(gs.ownerCount)\(who)")
        }
        parts.append("owner \(topology.describeOwnerField(gs.owner))")
        parts.append("domain \(topology.describeDomain(gs.domain))")
        return parts.joined(separator: ", ")
    }

    /// `dev->driver is e1000e` or `dev->driver is NULL`, for device `d`.
    public static func driver(_ d: Int, _ w: World, _ topology: Topology) -> String {
        guard let drv = w[device: d].driver else { return "\(topology.devices[d].name) has no driver" }
        return "\(topology.devices[d].name) is bound to \(topology.drivers[drv].name)"
    }
}
