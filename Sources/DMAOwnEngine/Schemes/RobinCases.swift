/// Robin Murphy's case analysis (23 Feb 2022): while a thread holds the group mutex in its release
/// scan, each sibling is in one of the cases 1.a … 4.b. Computed from the world so the UI can
/// label them live.
enum RobinCases {
    static func label(_ w: World, _ run: Run) -> [Int: DeviceAnnotation] {
        var labels: [Int: DeviceAnnotation] = [:]
        let topology = run.topology
        for t in 0..<run.operations.count {
            guard let step = run.currentStep(of: t, in: w), step.role == .releaseScan,
                  let dev = run.operations[t].device else { continue }
            let g = topology.devices[dev].group
            guard w[group: g].mutexHolder == t else { continue }
            for tmp in topology.groups[g].devices where tmp != dev {
                let (label, why) = classify(tmp, group: g, w, run)
                labels[tmp] = DeviceAnnotation(label: label, explanation: why, thread: t)
            }
        }
        return labels
    }

    private static func classify(_ tmp: Int, group g: Int, _ w: World, _ run: Run) -> (String, String) {
        let topology = run.topology
        let ds = w[device: tmp]
        let owner = w[group: g].owner
        // The sibling's own bind or unbind, if one is under way: it holds the sibling's device_lock.
        let own = ds.lockHolder.flatMap { t in w[thread: t].done ? nil : t }
        if let drv = ds.driver {
            let managed = topology.drivers[drv].managedDMA
            if ds.phase == .probing, let t = own {
                if managed { return ("2.b", "mid-bind managed driver: irrelevant") }
                switch bindProgress(t, w, run) {
                case .claimed:
                    return ("1.a", "mid-bind DMA-API driver that already claimed: as if bound, the group stays DMA-API owned")
                case .unwinding:
                    return owner == .dmaAPI
                        ? ("2.a.i", "mid-bind DMA-API driver whose bind is failing before its claim: the scan keeps DMA-API ownership for it, and nothing will ever release it (the stale-owner hole)")
                        : ("2.a.ii", "mid-bind DMA-API driver whose bind is failing: it never claimed, so it is irrelevant")
                case .toClaim:
                    return owner == .dmaAPI
                        ? ("2.a.i", "mid-bind DMA-API driver, group DMA-API owned: ownership passes to it; its claim will be a no-op")
                        : owner == .none
                        ? ("2.a.ii", "mid-bind DMA-API driver, group unowned: it finds what it finds at its claim")
                        : ("2.a.ii", "mid-bind DMA-API driver, group user-owned: it finds what it finds at its claim")
                }
            }
            if !managed { return ("1.a", "bound DMA-API driver: the group stays DMA-API owned") }
            return owner == .driver(drv)
                ? ("1.b", "bound managed driver that owns the group: nothing changes")
                : ("1.c", "bound managed driver that is not the owner: its claim waits for the mutex")
        }
        // dev->driver is NULL: idle, or mid-unbind (or a failed probe unwinding) with its own scan
        // still to come. A sibling whose scan already ran can no longer change anything.
        guard ds.phase != .idle, let t = own else { return ("3", "unbound and idle: no effect") }
        guard scanPending(t, w, run) else { return ("3", "unbound, its own release scan already done: no effect") }
        if owner == .none { return ("4.b", "mid-unbind, group unowned: there is nothing for either scan to release") }
        guard owner == .dmaAPI else { return ("4.b", "mid-unbind, group user-owned: only the owner can release it") }
        if let was = formerDriver(t, w, run), topology.drivers[was].managedDMA {
            return ("4.a.ii", "mid-unbind managed driver, group DMA-API owned: irrelevant")
        }
        return ("4.a.i", "mid-unbind DMA-API driver, group DMA-API owned: this scan releases for both; its own finds nothing")
    }

    /// Where a bind in progress stands relative to its claim (`iommu_device_use_default_domain`).
    private enum BindProgress { case toClaim, claimed, unwinding }

    /// Reads thread `t`'s bind from its program counter: before the claim's decision step, past it on
    /// the success path, or at the unwind step a pinctrl failure or a refused claim jumps to.
    private static func bindProgress(_ t: Int, _ w: World, _ run: Run) -> BindProgress {
        let program = run.programs[t], pc = w[thread: t].pc
        if pc == program.index(of: "unwind") { return .unwinding }
        guard let claim = program.steps.lastIndex(where: { $0.function == "iommu_device_use_default_domain" }) else { return .toClaim }
        return pc > claim ? .claimed : .toClaim
    }

    /// Whether thread `t` (an unbind, or a bind unwinding a failed probe) has its release scan ahead.
    /// Both run straight through from `dev->driver = NULL`, so "ahead" is "at a later step index".
    private static func scanPending(_ t: Int, _ w: World, _ run: Run) -> Bool {
        let pc = w[thread: t].pc
        return run.programs[t].steps[pc...].contains { $0.role == .releaseScan }
    }

    /// The driver a device is losing: what its unbind found, or what its failing bind brought.
    private static func formerDriver(_ t: Int, _ w: World, _ run: Run) -> Int? {
        switch run.operations[t] {
        case .unbind: Int(w[thread: t].local)
        case .bind(_, let drv): drv
        default: nil
        }
    }
}
