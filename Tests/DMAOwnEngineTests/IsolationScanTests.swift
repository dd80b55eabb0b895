import Testing
@testable import DMAOwnEngine

/// The word-wise isolation scan the explorer runs on every state (`World.anyIsolationBreach(_:)`)
/// against `Run.isolationBreach`, which names the breach for people and reads one record at a time.
///
/// The scan reads two device records and eight binding bytes per load, masks off bytes past the
/// last device, keeps a bit per group, and falls back to the byte-wise scan over 64 groups or
/// for a world too short for its loads. Random worlds over random topologies (devices scattered
/// over groups, device counts on and off multiples of 2 and 8, 0 to 3 threads) reach each of
/// those paths; the counts of breaches and clean worlds are checked so the test cannot pass by
/// seeing only one kind.
@Suite struct IsolationScanTests {
    @Test(arguments: [1, 2, 3, 7, 8, 9, 17, 63, 64, 65, 70] as [Int])
    func wordScanAgreesWithTheNamedBreach(devices: Int) {
        var rng = SplitMix64(seed: UInt64(devices) &* 0x9E37_79B9)
        var breaches = 0, clean = 0
        for _ in 0..<40 {
            let groups = Int.random(in: 1...min(devices, 66), using: &rng)
            let topology = Self.topology(groups: groups, devices: devices, using: &rng)
            let run = Run(topology: topology, scheme: Schemes.scheme(.merged), operations: [])
            for _ in 0..<25 {
                var world = World(topology: topology)
                for _ in 0..<Int.random(in: 0...3, using: &rng) { world.addThread() }
                Self.scramble(&world, topology, using: &rng)
                let named = run.isolationBreach(in: world) != nil
                #expect(world.anyIsolationBreach(run.isolationScan) == named, "\(groups) groups, \(devices) devices: \(world.bytes)")
                #expect(world.anyIsolationBreach(deviceGroup: run.isolationScan.deviceGroup) == named)
                #expect(run.broken(in: world, progress: .running).contains(InvariantSet(.isolation)) == named)
                if named { breaches += 1 } else { clean += 1 }
            }
        }
        #expect(breaches > 50 && clean > 50, "breaches \(breaches), clean \(clean): the random worlds do not test both answers")
    }

    /// `groups` groups (each with at least one device) over `devices` devices in a random order,
    /// so a group's members are not neighbours in the world.
    static func topology(groups: Int, devices: Int, using rng: inout SplitMix64) -> Topology {
        var of = (0..<devices).map { $0 < groups ? $0 : Int.random(in: 0..<groups, using: &rng) }
        of.shuffle(using: &rng)
        var topology = Topology(drivers: [.init(name: "e1000e", managedDMA: false)], owners: ["qemu", "ctx2", "ctx3"])
        topology.groups = (0..<groups).map { Topology.Group(id: $0 + 1, devices: []) }
        for (d, g) in of.enumerated() {
            topology.devices.append(.init(name: "0000:00:\(d).0", group: g))
            topology.groups[g].devices.append(d)
        }
        return topology
    }

    /// Each field the scan reads set at random, mostly to values that break nothing, so a breach
    /// comes from one or two records and the clean worlds stay common; the odds shrink with the
    /// number of devices and vary per world, so large machines see both answers too.
    static func scramble(_ w: inout World, _ topology: Topology, using rng: inout SplitMix64) {
        let scale = Double.random(in: 0..<2, using: &rng) * min(2, 20 / Double(topology.devices.count))
        func rare(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p * scale }
        let owners = topology.owners.count
        for g in topology.groups.indices {
            var gs = w[group: g]
            if rare(0.1) { gs.owner = .user(Int.random(in: 0..<owners, using: &rng)) }
            if rare(0.02) { gs.owner = .driver(0) }
            if rare(0.05) { gs.owner = .dmaAPI }
            if rare(0.1) { gs.domain = [.none, .blocking, .user(Int.random(in: 0..<owners, using: &rng))].randomElement(using: &rng)! }
            w[group: g] = gs
            if rare(0.1) {
                let user = Int.random(in: 0..<owners, using: &rng)
                w[holders: g] = World.GroupHolders(vfioUser: user, userDMA: rare(0.5), containerUsers: rare(0.5))
                if rare(0.7) || rare(0.7) { w[group: g].domain = .user(user) }
            }
        }
        for d in topology.devices.indices {
            if rare(0.08) { w[device: d].doingDMA = true }
            if rare(0.3) { w[device: d].driver = 0 }
            if rare(0.05) {
                let ctx = Int.random(in: 0..<owners, using: &rng)
                w[binding: d] = World.DeviceBinding(context: ctx, userDMA: rare(0.6))
                if rare(0.6) { w[group: topology.devices[d].group].domain = .user(ctx) }
            }
        }
    }
}
