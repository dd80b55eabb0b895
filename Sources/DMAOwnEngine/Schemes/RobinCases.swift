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
        if let drv = ds.driver {
            let managed = topology.drivers[drv].managedDMA
            if ds.phase == .probing {
                if managed { return ("2.b", "mid-bind managed driver: irrelevant") }
                if claimed(tmp, w, run) {
                    return ("1.a", "mid-bind DMA-API driver that already claimed: as if bound, the group stays DMA-API owned")
                }
                return owner == .dmaAPI
                    ? ("2.a.i", "mid-bind DMA-API driver, group DMA-API owned: ownership passes to it; its claim will be a no-op")
                    : owner == .none
                    ? ("2.a.ii", "mid-bind DMA-API driver, group unowned: it finds what it finds at its claim")
                    : ("2.a.ii", "mid-bind DMA-API driver, group user-owned: it finds what it finds at its claim")
            }
            if !managed { return ("1.a", "bound DMA-API driver: the group stays DMA-API owned") }
            return owner == .driver(drv)
                ? ("1.b", "bound managed driver that owns the group: nothing changes")
                : ("1.c", "bound managed driver that is not the owner: its claim waits for the mutex")
        }
        if ds.phase == .idle { return ("3", "unbound and idle: no effect") }
        // Mid-unbind (or a failed bind unwinding): dev->driver is already NULL, its own scan is to come.
        if owner == .none { return ("4.b", "mid-unbind, group unowned: there is nothing for either scan to release") }
        guard owner == .dmaAPI else { return ("4.b", "mid-unbind, group user-owned: only the owner can release it") }
        let was = formerDriver(of: tmp, w, run)
        if let was, topology.drivers[was].managedDMA {
            return ("4.a.ii", "mid-unbind managed driver, group DMA-API owned: irrelevant")
        }
        return ("4.a.i", "mid-unbind DMA-API driver, group DMA-API owned: this scan releases for both; its own finds nothing")
    }

    /// Whether device `d`'s bind in progress has passed its claim (`iommu_device_use_default_domain`):
    /// case 2 is only a bind whose claim is still to come.
    private static func claimed(_ d: Int, _ w: World, _ run: Run) -> Bool {
        for t in 0..<run.operations.count where !w[thread: t].done {
            guard case .bind(d, _) = run.operations[t] else { continue }
            let steps = run.programs[t].steps
            guard let claim = steps.lastIndex(where: { $0.function == "iommu_device_use_default_domain" }) else { return false }
            return w[thread: t].pc > claim
        }
        return false
    }

    /// The driver a device is losing: what its unfinished unbind found, or what its failing bind brought.
    private static func formerDriver(of d: Int, _ w: World, _ run: Run) -> Int? {
        for t in 0..<run.operations.count where !w[thread: t].done && run.operations[t].device == d {
            switch run.operations[t] {
            case .unbind: return Int(w[thread: t].local)
            case .bind(_, let drv): return drv
            default: continue
            }
        }
        return nil
    }
}
