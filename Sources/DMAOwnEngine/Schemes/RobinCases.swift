/// Robin Murphy's case analysis (23 Feb 2022): while a thread holds the group mutex in its release
/// scan, each sibling is in one of the cases 1.a … 4.b. Computed from the world so the UI can
/// label them live, and so the scan's own explanation names the same case it acts on.
enum RobinCases {
    static func label(_ w: World, _ run: Run) -> [Int: DeviceAnnotation] {
        var labels: [Int: DeviceAnnotation] = [:]
        for t in 0..<run.operations.count {
            for c in scan(by: t, w, run) {
                labels[c.device] = DeviceAnnotation(label: c.label, explanation: c.explanation, thread: t)
            }
        }
        return labels
    }

    /// The cases of thread `t`'s siblings when `t`'s next step is its release scan with the mutex
    /// held, in group order; empty otherwise.
    static func scan(by t: Int, _ w: World, _ run: Run) -> [ScanCase] {
        guard let step = run.currentStep(of: t, in: w), step.role == .releaseScan,
              let dev = run.operations[t].device else { return [] }
        let g = run.topology.devices[dev].group
        guard w[group: g].mutexHolder == t else { return [] }
        return run.topology.groups[g].devices.filter { $0 != dev }.map { classify($0, group: g, scanner: t, w, run) }
    }

    private static func classify(_ tmp: Int, group g: Int, scanner: Int, _ w: World, _ run: Run) -> ScanCase {
        let topology = run.topology
        let ds = w[device: tmp]
        let owner = w[group: g].owner
        let keeps = owner != .none && RobinScheme.token(of: tmp, in: w, topology: topology) == owner
        func c(_ label: String, _ why: String) -> ScanCase { ScanCase(device: tmp, label: label, explanation: why, keeps: keeps) }
        // The sibling's own bind or unbind, if one is under way: it holds the sibling's device_lock
        // (unless the scanner itself does, in robin-locked: then nothing is under way).
        let own = ds.lockHolder.flatMap { t in t == scanner || w[thread: t].done ? nil : t }
        if let drv = ds.driver {
            let managed = topology.drivers[drv].managedDMA
            if ds.phase == .probing, let t = own, case .bind = run.operations[t] {
                if managed {
                    return keeps ? c("2.b", "mid-bind managed driver that is the owner's driver: the scan keeps the group for it")
                                 : c("2.b", "mid-bind managed driver: irrelevant")
                }
                switch bindProgress(t, w, run) {
                case .claimed:
                    return c("1.a", "mid-bind DMA-API driver that already claimed: as if bound, the group stays DMA-API owned")
                case .failedProbeReleased:
                    return owner == .dmaAPI
                        ? c("1.a", "DMA-API driver whose probe failed and whose own release already ran with dev->driver still set: the scan keeps DMA-API ownership for it, and nothing will release it (Jason Gunthorpe's objection)")
                        : c("1.a", "DMA-API driver whose probe failed, its own release already run: the group is not DMA-API owned, nothing to keep")
                case .unclaimedUnwinding:
                    return owner == .dmaAPI
                        ? c("2.a.i", "mid-bind DMA-API driver whose bind is failing before its claim: the scan keeps DMA-API ownership for it, and nothing will ever release it (the stale-owner hole)")
                        : c("2.a.ii", "mid-bind DMA-API driver whose bind is failing: it never claimed, so it is irrelevant")
                case .toClaim:
                    return owner == .dmaAPI
                        ? c("2.a.i", "mid-bind DMA-API driver, group DMA-API owned: ownership passes to it; its claim will be a no-op")
                        : owner == .none
                        ? c("2.a.ii", "mid-bind DMA-API driver, group unowned: it finds what it finds at its claim")
                        : c("2.a.ii", "mid-bind DMA-API driver, group user-owned: it finds what it finds at its claim")
                }
            }
            if !managed {
                return owner == .dmaAPI ? c("1.a", "bound DMA-API driver: the group stays DMA-API owned")
                                        : c("1.a", "bound DMA-API driver, but the group is not DMA-API owned: nothing to keep")
            }
            return keeps ? c("1.b", "bound managed driver that owns the group: nothing changes")
                         : c("1.c", "bound managed driver that is not the owner: its claim waits for the mutex")
        }
        // dev->driver is NULL: idle, or mid-unbind with its own scan still to come. A sibling whose
        // scan already ran, or a bind that has not set its driver yet, can no longer change anything.
        if ds.phase == .probing, let t = own, case .bind = run.operations[t] {
            return c("3", "mid-bind between test_remove and its second probe, dev->driver NULL for now: no effect")
        }
        guard ds.phase != .idle, let t = own, case .unbind = run.operations[t] else { return c("3", "unbound and idle: no effect") }
        guard scanPending(t, w, run) else { return c("3", "unbound, its own release scan already done: no effect") }
        if owner == .none { return c("4.b", "mid-unbind, group unowned: there is nothing for either scan to release") }
        guard owner == .dmaAPI else { return c("4.b", "mid-unbind, group user-owned: only the owner can release it") }
        if topology.drivers[Int(w[thread: t].local)].managedDMA {
            return c("4.a.ii", "mid-unbind managed driver, group DMA-API owned: irrelevant")
        }
        return c("4.a.i", "mid-unbind DMA-API driver, group DMA-API owned: this scan releases for both; its own finds nothing")
    }

    /// Where a bind in progress stands relative to its claim (`iommu_device_use_default_domain`).
    private enum BindProgress {
        /// `dev->driver` is set and the claim of this probe attempt is still ahead.
        case toClaim
        /// Past the claim: probing, or on the failed-probe exit with its own release still to run.
        case claimed
        /// At the final unwind after a failed probe: its own release already ran.
        case failedProbeReleased
        /// At the final unwind after a pinctrl failure or a refused claim: it never claimed.
        case unclaimedUnwinding
    }

    /// Reads thread `t`'s bind from its program counter. With test_remove a bind probes twice, so
    /// the claim that counts is the nearest one since the last `dev->driver = drv`.
    private static func bindProgress(_ t: Int, _ w: World, _ run: Run) -> BindProgress {
        let program = run.programs[t], pc = w[thread: t].pc
        if pc == program.index(of: .unwind) {
            return w[thread: t].result == .ENODEV ? .failedProbeReleased : .unclaimedUnwinding
        }
        if pc >= program.index(of: .cleanup) { return .claimed }
        for i in stride(from: pc - 1, through: 0, by: -1) {
            let s = program.steps[i]
            if s.function == "iommu_device_use_default_domain" && s.acquires == nil { return .claimed }
            if s.title == "really_probe: dev->driver = drv" { return .toClaim }
        }
        return .toClaim
    }

    /// Whether unbind thread `t` has its release scan ahead ("ahead" is "at a later step index").
    private static func scanPending(_ t: Int, _ w: World, _ run: Run) -> Bool {
        let pc = w[thread: t].pc
        return run.programs[t].steps[pc...].contains { $0.role == .releaseScan }
    }
}
