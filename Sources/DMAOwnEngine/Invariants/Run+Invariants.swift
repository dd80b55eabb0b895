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
    ///
    /// The explorer's unreduced pass judges every state, and nearly every state breaks nothing,
    /// has no sticky flag set and is still running: that case reads the flags byte and scans for
    /// isolation, and the rest (flags, `stale-owner`, `deadlock`) is decided out of line in
    /// `brokenRarely`, so the common path does not pay for the registers and calls of the rare one
    /// (issue 14).
    public func broken(in world: World, progress: RunProgress) -> InvariantSet {
        let isolation = world.anyIsolationBreach(isolationScan)
        assert(isolation == (isolationBreach(in: world) != nil), "the isolation scan disagrees with isolationBreach")
        var set: InvariantSet = isolation ? InvariantSet(.isolation) : []
        if world.flags.rawValue != 0 || progress != .running { set.formUnion(brokenRarely(in: world, progress: progress)) }
        return set
    }

    /// What `broken(in:progress:)` judges besides isolation: the sticky flags, and once no thread
    /// can move, `stale-owner` or `deadlock`.
    @inline(never)
    private func brokenRarely(in world: World, progress: RunProgress) -> InvariantSet {
        var set: InvariantSet = []
        let flags = world.flags
        if flags.contains(.bugOn) { set.insert(InvariantSet(.bugOn)) }
        if flags.contains(.warned) { set.insert(InvariantSet(.warn)) }
        if flags.contains(.lockOrder) { set.insert(InvariantSet(.lockOrder)) }
        if !flags.contains(.bugOn) {
            switch progress {
            case .finished:
                if (0..<topology.groups.count).contains(where: { scheme.staleOwnership(ofGroup: $0, in: world, run: self) != nil }) {
                    set.insert(InvariantSet(.staleOwner))
                }
            // Waiting on user space (vfio-pci's remove()) is not a deadlock: the user can let go.
            case .deadlocked: if !isWaitingOnUsers(world) { set.insert(InvariantSet(.deadlock)) }
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
        switch isolationBreach(in: world) {
        case .kernel(let d, let g):
            let ds = world[device: d], gs = world[group: g]
            let who = "\(topology.drivers[ds.driver ?? 0].name) on \(topology.devices[d].name)"
            let why: String = switch gs.owner {
            case .user, .driver: "group \(topology.groups[g].id) is owned by \(describe(gs.owner))"
            default: "group \(topology.groups[g].id)'s domain is \(describe(gs.domain))"
            }
            out.append(Violation(.isolation, "\(who) is doing DMA while \(why)"))
        case .user(let o, let g):
            let gs = world[group: g]
            out.append(Violation(.isolation, "\(topology.owners[o]) is doing DMA through group \(topology.groups[g].id), whose attached domain is \(describe(gs.domain)), not its own"))
        case nil:
            break
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

    /// Who does DMA through a domain that is not theirs (DOMAIN 4).
    public enum IsolationBreach: Equatable, Sendable {
        /// A DMA-API driver on `device` does DMA in a group a user owns or whose domain is not the default.
        case kernel(device: Int, group: Int)
        /// User `owner` does DMA through `group` while the attached domain is not its own.
        case user(owner: Int, group: Int)
    }

    /// The first isolation breach in `world`, if any. Reads the front-end bytes directly: the
    /// explorer calls this on every state.
    public func isolationBreach(in world: World) -> IsolationBreach? {
        for g in 0..<topology.groups.count {
            let gs = world[group: g]
            let holder = world.vfioByte(ofGroup: g)
            if holder & 0x80 != 0, gs.domain != .user(Int(holder & 0x7F) - 1) { return .user(owner: Int(holder & 0x7F) - 1, group: g) }
            let userOwned: Bool = switch gs.owner { case .user, .driver: true; default: false }
            let restricted = userOwned || gs.domain != .default
            for d in topology.groups[g].devices {
                if restricted && world[device: d].doingDMA { return .kernel(device: d, group: g) }
                let b = world.bindingByte(ofDevice: d)
                if b & 0x80 != 0, gs.domain != .user(Int(b & 0x7F) - 1) { return .user(owner: Int(b & 0x7F) - 1, group: g) }
            }
        }
        return nil
    }

    /// In a state where no thread can move: whether every blocked thread waits for a user to let go,
    /// directly (vfio-pci's `remove()`) or behind the lock holders it waits for. Such a state is not
    /// a deadlock: user space can close its file descriptors (and vfio-pci asks it to).
    public func isWaitingOnUsers(_ world: World) -> Bool {
        var anyBlocked = false
        for t in operations.indices {
            guard case .blocked(_, var b) = status(of: t, in: world) else { continue }
            anyBlocked = true
            var hops = 0
            while !b.waitsForUser {
                guard hops < operations.count, case .blocked(_, let next) = status(of: b.holder, in: world) else { return false }
                b = next
                hops += 1
            }
        }
        return anyBlocked
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
