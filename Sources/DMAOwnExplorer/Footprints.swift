import DMAOwnEngine

/// What each thread's steps may touch, as bit masks over the devices and groups its run uses.
///
/// Partial-order reduction needs to know which steps commute; a step's `Scope` says what it may
/// read or write, and a mask turns that into one AND per pair of steps. Only the devices and
/// groups that two threads or more may touch get a bit, so a machine of hundreds of devices with
/// a few operations still fits 64 bits exactly. When more than 64 are shared, records share bits
/// (resource i gets bit i mod 64): two steps that share a bit are treated as conflicting, which
/// is sound (the reduction can only expand more threads) but saves less; `folded` says so.
struct Footprints: Sendable {
    /// The resources one step (or the rest of a program) may touch.
    struct Mask: Sendable, Equatable {
        /// Device and group records (one bit each) read, written or locked.
        var touch: UInt64
        /// Facts derived from several records that this step may change without reading them:
        /// the `isolation` verdict of a group (a `doingDMA` write: the group's bit) and a group's
        /// VFIO membership (`ResourceID.changesVFIOMembers`). Such a change conflicts with a step
        /// that touches the fact's bit, never with another change of it.
        var dma: UInt64

        static let none = Mask(touch: 0, dma: 0)
        static let all = Mask(touch: ~0, dma: ~0)

        func union(_ o: Mask) -> Mask { Mask(touch: touch | o.touch, dma: dma | o.dma) }

        /// Two steps conflict when they touch a common record, or one starts or stops DMA in a
        /// group whose owner or domain the other may change (the isolation verdict then depends
        /// on their order). Two DMA writes on different devices commute: isolation is
        /// "owned and some device doing DMA", which neither order can make true in between
        /// without it being true before or after.
        @inline(__always)
        func conflicts(with o: Mask) -> Bool {
            (touch & o.touch) | (dma & o.touch) | (touch & o.dma) != 0
        }
    }

    /// Per thread, per program counter: the mask of that step.
    let current: [[Mask]]
    /// Per thread, per program counter: the union of that step and every later one (steps only
    /// jump forward, so nothing earlier can run again).
    let future: [[Mask]]
    /// How many device and group records got a conflict bit: those two threads or more may touch.
    let resources: Int
    /// True when `resources` exceeds 64 and some records share a bit (a coarser, still sound, reduction).
    var folded: Bool { resources > 64 }

    /// The masks of `run`'s threads, started from `world`.
    init(run: Run, world: World) {
        let topo = run.topology
        let vfio = ResourceID.mayBeVFIOBound(run: run, world: world)
        // Conflicts are only ever checked between different threads, so a record that a single
        // thread touches needs no bit, unless some step touches the whole machine: that step must
        // then still conflict with a thread whose records are all its own.
        var touchedBy: [ResourceID: Int] = [:]
        var machineWide = false
        for (t, program) in run.programs.enumerated() {
            for step in program.steps {
                guard var rs = ResourceID.touched(by: step.scope, of: run.operations[t], in: topo) else { machineWide = true; continue }
                if let m = ResourceID.changesVFIOMembers(by: step.scope, of: run.operations[t], in: topo, vfio: vfio) { rs.append(m) }
                for r in rs { touchedBy[r] = touchedBy[r].map { $0 == t ? t : -1 } ?? t }
            }
        }
        var bits: [ResourceID: Int] = [:]
        func bit(_ r: ResourceID) -> UInt64 {
            if !machineWide, let only = touchedBy[r], only >= 0 { return 0 }
            if let b = bits[r] { return 1 << UInt64(b % 64) }
            let b = bits.count
            bits[r] = b
            return 1 << UInt64(b % 64)
        }
        var current: [[Mask]] = [], future: [[Mask]] = []
        for (t, program) in run.programs.enumerated() {
            let op = run.operations[t]
            let g = op.group(in: topo)
            let masks: [Mask] = program.steps.map { step in
                let touched = ResourceID.touched(by: step.scope, of: op, in: topo)
                switch touched {
                case nil: return .all
                case let rs?:
                    let touch = rs.reduce(UInt64(0)) { $0 | bit($1) }
                    let startsOrStopsDMA = step.scope == .deviceDMA || step.scope == .deviceDMAAndGroup
                    let members = ResourceID.changesVFIOMembers(by: step.scope, of: op, in: topo, vfio: vfio).map(bit) ?? 0
                    return Mask(touch: touch, dma: (startsOrStopsDMA ? bit(.group(g)) : 0) | members)
                }
            }
            var suffix = masks
            var acc = Mask.none
            for pc in masks.indices.reversed() {
                acc = acc.union(masks[pc])
                suffix[pc] = acc
            }
            current.append(masks)
            future.append(suffix)
        }
        self.current = current
        self.future = future
        self.resources = bits.count
    }
}

/// One device or group record of the world, as a step's `Scope` names it.
enum ResourceID: Hashable, Sendable {
    case device(Int)
    case group(Int)
    /// What VFIO's front end reads of group g's members (`Scope.groupAndVFIOMembers`): which are
    /// bound to a VFIO driver, which to an iommufd context.
    case vfioMembers(Int)

    /// The records a step of `scope` in operation `op` may touch, or nil for the whole machine.
    /// The one place where scopes become records: partial-order reduction and the split into
    /// independent clusters both read it, so a new `Scope` is handled for both at once.
    static func touched(by scope: Scope, of op: Operation, in topo: Topology) -> [ResourceID]? {
        let g = op.group(in: topo)
        switch scope {
        case .device, .deviceDMA:
            // A device step of an operation that names no device (a group claim's no-op) touches nothing.
            return op.device.map { [.device($0)] } ?? []
        case .group:
            return [.group(g)]
        case .deviceDMAAndGroup:
            return (op.device.map { [.device($0)] } ?? []) + [.group(g)]
        case .groupAndMembers:
            return [.group(g)] + topo.groups[g].devices.map(ResourceID.device)
        case .groupAndVFIOMembers:
            return [.group(g), .vfioMembers(g)]
        case .machine:
            return nil
        }
    }

    /// The group whose VFIO membership a step of `scope` in `op` may change, as a resource, or nil.
    ///
    /// Membership is derived from the members' device records, so two steps that change it on
    /// different devices still commute; only a step that reads it (`.groupAndVFIOMembers`) must
    /// keep its order with them. Footprints therefore treat it as they treat a DMA write's
    /// isolation verdict, and the cluster split joins a changer only with a reader.
    /// `vfio` is `mayBeVFIOBound(run:world:)` of the run `op` belongs to.
    static func changesVFIOMembers(by scope: Scope, of op: Operation, in topo: Topology, vfio: Set<Int>) -> ResourceID? {
        guard op.device != nil, mayChangeVFIOMembers(op, in: topo, vfio: vfio) else { return nil }
        switch scope {
        case .device, .deviceDMA, .deviceDMAAndGroup, .groupAndMembers: return .vfioMembers(op.group(in: topo))
        case .group, .groupAndVFIOMembers, .machine: return nil
        }
    }

    /// Whether `op`'s device steps can change what `vfio_group_fops_open` reads of the group's
    /// members: a bind of a VFIO driver (the device becomes, or stops being, bound to it), a device
    /// claim or release (the device's iommufd context), or an unbind of a device in `vfio`, the
    /// devices that may be bound to a VFIO driver when it runs. A kernel driver's bind can neither
    /// make nor unmake a VFIO-bound member: it fails on a device that already has a driver, and
    /// the driver it sets is not a VFIO driver; an unbind of a device no VFIO driver can reach
    /// removes a kernel driver or nothing.
    static func mayChangeVFIOMembers(_ op: Operation, in topo: Topology, vfio: Set<Int>) -> Bool {
        switch op {
        case .bind(_, let drv): topo.drivers[drv].vfio
        case .unbind(let d): vfio.contains(d)
        case .dclaim, .drelease: true
        case .claim, .release, .kclaim, .krelease: false
        }
    }

    /// The devices that may be bound to a VFIO driver at some point of `run` from `world`: those
    /// bound to one at the start and those some thread binds one to. Only these devices' unbinds
    /// can change a group's VFIO membership; which driver an unbind removes is known only at run
    /// time, but it can only be one of these.
    static func mayBeVFIOBound(run: Run, world: World) -> Set<Int> {
        let topo = run.topology
        var out = Set(topo.devices.indices.filter { d in world[device: d].driver.map { topo.drivers[$0].vfio } ?? false })
        for case .bind(let d, let drv) in run.operations where topo.drivers[drv].vfio { out.insert(d) }
        return out
    }
}
