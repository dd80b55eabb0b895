import DMAOwnEngine

/// What one step changed that a reader of a design review cares about: locks, ownership, drivers
/// and DMA. Exporters show these instead of whole worlds.
public enum WorldChange: Equatable, Sendable {
    case groupMutex(group: Int, holder: Int?)
    case owner(group: Int, from: OwnerToken, to: OwnerToken)
    case ownerCount(group: Int, from: Int, to: Int)
    case domain(group: Int, from: Domain, to: Domain)
    case deviceLock(device: Int, holder: Int?)
    case driver(device: Int, driver: Int?)
    case dma(device: Int, on: Bool)
    case warned
    case bugOn

    /// The changes from `before` to `after`, groups first, then devices, then kernel events.
    public static func between(_ before: World, _ after: World, groups: Int, devices: Int) -> [WorldChange] {
        var out: [WorldChange] = []
        for g in 0..<groups {
            let a = before[group: g], b = after[group: g]
            if a.mutexHolder != b.mutexHolder { out.append(.groupMutex(group: g, holder: b.mutexHolder)) }
            if a.owner != b.owner { out.append(.owner(group: g, from: a.owner, to: b.owner)) }
            if a.ownerCount != b.ownerCount { out.append(.ownerCount(group: g, from: a.ownerCount, to: b.ownerCount)) }
            if a.domain != b.domain { out.append(.domain(group: g, from: a.domain, to: b.domain)) }
        }
        for d in 0..<devices {
            let a = before[device: d], b = after[device: d]
            if a.lockHolder != b.lockHolder { out.append(.deviceLock(device: d, holder: b.lockHolder)) }
            if a.driver != b.driver { out.append(.driver(device: d, driver: b.driver)) }
            if a.doingDMA != b.doingDMA { out.append(.dma(device: d, on: b.doingDMA)) }
        }
        if !before.flags.contains(.warned) && after.flags.contains(.warned) { out.append(.warned) }
        if !before.flags.contains(.bugOn) && after.flags.contains(.bugOn) { out.append(.bugOn) }
        return out
    }

    /// The group the change belongs to, if it is a group's.
    public func group(in topology: Topology) -> Int? {
        switch self {
        case .groupMutex(let g, _), .owner(let g, _, _), .ownerCount(let g, _, _), .domain(let g, _, _): g
        case .deviceLock(let d, _), .driver(let d, _), .dma(let d, _): topology.devices[d].group
        case .warned, .bugOn: nil
        }
    }

    /// Whether the change is to a device (its lock, driver, DMA), which a sequence diagram shows
    /// beside the thread acting on it rather than over the group.
    public var isDeviceSide: Bool {
        switch self {
        case .deviceLock, .driver, .dma: true
        default: false
        }
    }

    /// The change in words: "mutex taken by T1", "owner_cnt 0 → 1", "e1000e on 0000:01:00.1 starts DMA".
    public func describe(_ run: Run) -> String {
        let topo = run.topology
        let thread = { (t: Int?) in t.map { "T\($0 + 1)" } }
        switch self {
        case .groupMutex(let g, let h):
            return h.map { "group \(topo.groups[g].id) mutex taken by \(thread($0)!)" } ?? "group \(topo.groups[g].id) mutex released"
        case .owner(_, let a, let b): return "owner \(run.describe(a)) → \(run.describe(b))"
        case .ownerCount(_, let a, let b): return "owner_cnt \(a) → \(b)"
        case .domain(_, let a, let b): return "domain \(run.describe(a)) → \(run.describe(b))"
        case .deviceLock(let d, let h):
            return h.map { "device_lock(\(topo.devices[d].name)) taken by \(thread($0)!)" }
                ?? "device_lock(\(topo.devices[d].name)) released"
        case .driver(let d, let drv):
            return "\(topo.devices[d].name) driver = \(drv.map { topo.drivers[$0].name } ?? "none")"
        case .dma(let d, let on):
            return "\(topo.devices[d].name) \(on ? "starts" : "stops") DMA"
        case .warned: return "WARN_ON fired"
        case .bugOn: return "BUG_ON: the kernel is dead"
        }
    }
}
