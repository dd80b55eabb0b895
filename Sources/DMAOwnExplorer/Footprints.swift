import DMAOwnEngine

/// What each thread's steps may touch, as bit masks over the run's devices and groups.
///
/// Partial-order reduction needs to know which steps commute; a step's `Scope` says what it may
/// read or write, and a mask turns that into one AND per pair of steps.
struct Footprints: Sendable {
    /// The resources one step (or the rest of a program) may touch.
    struct Mask: Sendable, Equatable {
        /// Device records (bit `d`) and group records (bit `devices + g`) read, written or locked.
        var touch: UInt64
        /// Groups (bit `devices + g`) whose `isolation` verdict a `doingDMA` write may change.
        var dma: UInt64

        static let none = Mask(touch: 0, dma: 0)
        static let all = Mask(touch: ~0, dma: ~0)

        func union(_ o: Mask) -> Mask { Mask(touch: touch | o.touch, dma: dma | o.dma) }

        /// Two steps conflict when they touch a common record, or one starts or stops DMA in a
        /// group whose owner or domain the other may change (the isolation verdict then depends
        /// on their order). Two DMA writes on different devices commute: isolation is
        /// "owned and some device doing DMA", which neither order can make true in between
        /// without it being true before or after.
        func conflicts(with o: Mask) -> Bool {
            (touch & o.touch) | (dma & o.touch) | (touch & o.dma) != 0
        }
    }

    /// Per thread, per program counter: the mask of that step.
    let current: [[Mask]]
    /// Per thread, per program counter: the union of that step and every later one (steps only
    /// jump forward, so nothing earlier can run again).
    let future: [[Mask]]

    /// The masks of `run`'s threads, or nil when devices and groups do not fit 64 bits.
    init?(run: Run) {
        let topo = run.topology
        let devices = topo.devices.count
        guard devices + topo.groups.count <= 64 else { return nil }
        func groupBit(_ g: Int) -> UInt64 { 1 << UInt64(devices + g) }
        var current: [[Mask]] = [], future: [[Mask]] = []
        for (t, program) in run.programs.enumerated() {
            let op = run.operations[t]
            let g = op.group(in: topo)
            let members = topo.groups[g].devices.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            let own = op.device.map { UInt64(1) << UInt64($0) } ?? 0
            let masks: [Mask] = program.steps.map { step in
                switch step.scope {
                case .device: Mask(touch: own, dma: 0)
                case .deviceDMA: Mask(touch: own, dma: groupBit(g))
                case .deviceDMAAndGroup: Mask(touch: own | groupBit(g), dma: groupBit(g))
                case .group: Mask(touch: groupBit(g), dma: 0)
                case .groupAndMembers: Mask(touch: groupBit(g) | members, dma: 0)
                case .machine: .all
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
    }
}
