extension Run {
    /// The invariants `world` breaks, as a bit mask: the explorer's fast path, no strings built.
    public func broken(in world: World) -> InvariantSet {
        var runnable = false, blocked = false
        for t in operations.indices {
            switch status(of: t, in: world) {
            case .runnable: runnable = true
            case .blocked: blocked = true
            case .done, .crashed: break
            }
        }
        return broken(in: world, progress: RunProgress(anyRunnable: runnable, anyBlocked: blocked))
    }

    /// Whether every thread has finished, none can move, or some can: what `stale-owner` and
    /// `deadlock` are judged on.
    public enum RunProgress: Sendable {
        /// Every thread is done, or the machine hit `BUG_ON`.
        case finished
        /// Unfinished threads remain and every one of them is blocked.
        case deadlocked
        case running

        /// From the threads' statuses: after `BUG_ON` every unfinished thread is `crashed`, neither
        /// runnable nor blocked, so a crashed machine counts as finished.
        public init(anyRunnable: Bool, anyBlocked: Bool) {
            self = anyRunnable ? .running : anyBlocked ? .deadlocked : .finished
        }
    }

    /// `broken(in:)` for a caller that has already worked out `progress` from the threads'
    /// statuses (the explorer has, for every state), so they are not computed twice.
    public func broken(in world: World, progress: RunProgress) -> InvariantSet {
        var set: InvariantSet = []
        let flags = world.flags
        if flags.contains(.bugOn) { set.insert(InvariantSet(.bugOn)) }
        if flags.contains(.warned) { set.insert(InvariantSet(.warn)) }
        if flags.contains(.lockOrder) { set.insert(InvariantSet(.lockOrder)) }
        if isolationBreach(in: world) != nil { set.insert(InvariantSet(.isolation)) }
        if !flags.contains(.bugOn) {
            switch progress {
            case .finished:
                if (0..<topology.groups.count).contains(where: { scheme.staleOwnership(ofGroup: $0, in: world, run: self) != nil }) {
                    set.insert(InvariantSet(.staleOwner))
                }
            case .deadlocked: set.insert(InvariantSet(.deadlock))
            case .running: break
            }
        }
        return set
    }

    /// Every invariant `world` breaks, each with a message for people.
    public func violations(in world: World) -> [Violation] {
        var out: [Violation] = []
        let broken = broken(in: world)
        if broken.isEmpty { return out }
        if let (d, g) = isolationBreach(in: world) {
            let ds = world[device: d], gs = world[group: g]
            let who = "\(topology.drivers[ds.driver ?? 0].name) on \(topology.devices[d].name)"
            let why: String = switch gs.owner {
            case .user, .driver: "group \(topology.groups[g].id) is owned by \(describe(gs.owner))"
            default: "group \(topology.groups[g].id)'s domain is \(describe(gs.domain))"
            }
            out.append(Violation(.isolation, "\(who) is doing DMA while \(why)"))
        }
        if broken.contains(InvariantSet(.bugOn)) {
            out.append(Violation(.bugOn, "vfio_iommu_group_notifier hit BUG_ON: a non-viable driver bound in a group with container users"))
        }
        if broken.contains(InvariantSet(.staleOwner)) {
            let reasons = (0..<topology.groups.count).compactMap { scheme.staleOwnership(ofGroup: $0, in: world, run: self) }
            out.append(Violation(.staleOwner, reasons.joined(separator: "; ")))
        }
        if broken.contains(InvariantSet(.warn)) {
            let site = world.firstWarning.map(\.kernelLine) ?? "a WARN_ON"
            out.append(Violation(.warn, "WARN_ON fired in \(site)"))
        }
        if broken.contains(InvariantSet(.deadlock)), let cycle = waitCycle(in: world) {
            out.append(Violation(.deadlock, describeWaitCycle(cycle, in: world)))
        } else if broken.contains(InvariantSet(.deadlock)) {
            let waits = (0..<operations.count).compactMap { t -> String? in
                guard case .blocked(_, let b) = status(of: t, in: world) else { return nil }
                return "thread \(t + 1) (\(line(of: t))) waits for \(describe(b))"
            }
            out.append(Violation(.deadlock, waits.joined(separator: "; ")))
        }
        if broken.contains(InvariantSet(.lockOrder)) {
            out.append(Violation(.lockOrder, "a device_lock was taken while holding a group->mutex"))
        }
        return out
    }

    /// The first device doing DMA through the DMA API in a group it may not use, with its group.
    func isolationBreach(in world: World) -> (device: Int, group: Int)? {
        for g in 0..<topology.groups.count {
            let gs = world[group: g]
            let userOwned: Bool = switch gs.owner { case .user, .driver: true; default: false }
            guard userOwned || gs.domain != .default else { continue }
            for d in topology.groups[g].devices where world[device: d].doingDMA { return (d, g) }
        }
        return nil
    }

    /// Each thread's result as check reports spell it: "0", "-EBUSY", or "crashed"; nil while running.
    public func result(of t: Int, in world: World) -> String? {
        switch status(of: t, in: world) {
        case .done(let e): e.name
        case .crashed: "crashed"
        default: nil
        }
    }
}
