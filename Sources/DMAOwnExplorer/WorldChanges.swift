import DMAOwnEngine

/// The group and device fields that differ between two worlds, as lines for people (`dmaown
/// replay` prints them after each step).
public enum WorldChanges {
    /// One line per field that differs from `before` to `after`, groups first, then devices, flags and finished threads.
    public static func between(_ before: World, _ after: World, run: Run) -> [String] {
        let topo = run.topology
        var out: [String] = []
        func holder(_ t: Int?) -> String { t.map { "thread \($0 + 1)" } ?? "free" }
        for g in topo.groups.indices {
            let a = before[group: g], b = after[group: g]
            let name = "group \(topo.groups[g].id)"
            if a.mutexHolder != b.mutexHolder { out.append("\(name) mutex: \(holder(a.mutexHolder)) -> \(holder(b.mutexHolder))") }
            if a.owner != b.owner { out.append("\(name) owner: \(run.describe(a.owner)) -> \(run.describe(b.owner))") }
            if a.ownerCount != b.ownerCount { out.append("\(name) owner_cnt: \(a.ownerCount) -> \(b.ownerCount)") }
            if a.domain != b.domain { out.append("\(name) domain: \(run.describe(a.domain)) -> \(run.describe(b.domain))") }
        }
        for d in topo.devices.indices {
            let a = before[device: d], b = after[device: d]
            let name = topo.devices[d].name
            func driver(_ i: Int?) -> String { i.map { topo.drivers[$0].name } ?? "none" }
            if a.driver != b.driver { out.append("\(name) driver: \(driver(a.driver)) -> \(driver(b.driver))") }
            if a.lockHolder != b.lockHolder { out.append("\(name) device_lock: \(holder(a.lockHolder)) -> \(holder(b.lockHolder))") }
            if a.phase != b.phase { out.append("\(name) phase: \(a.phase) -> \(b.phase)") }
            if a.doingDMA != b.doingDMA { out.append("\(name) DMA: \(a.doingDMA ? "on" : "off") -> \(b.doingDMA ? "on" : "off")") }
        }
        let fa = before.flags, fb = after.flags
        if !fa.contains(.bugOn) && fb.contains(.bugOn) { out.append("kernel: BUG_ON") }
        if !fa.contains(.warned) && fb.contains(.warned) { out.append("kernel: WARN_ON") }
        if !fa.contains(.lockOrder) && fb.contains(.lockOrder) { out.append("lock order: device_lock taken under group->mutex") }
        for t in 0..<run.operations.count where !before[thread: t].done && after[thread: t].done {
            out.append("thread \(t + 1) returns \(after[thread: t].result.name)")
        }
        return out
    }
}
