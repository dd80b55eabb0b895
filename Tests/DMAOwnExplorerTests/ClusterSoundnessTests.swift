import Testing
import DMAOwnEngine
@testable import DMAOwnExplorer
import DMAOwnTestSupport

/// Searching independent clusters one by one must find exactly what one search of the whole
/// product graph finds: the same invariants broken (with equally short schedules when neither
/// search is reduced), the same outcome set, and the same interleaving counts.
@Suite struct ClusterSoundnessTests {
    /// Draws per scheme: 5 × 50 scenarios, each searched with and without reduction.
    static let draws = 50

    @Test(arguments: SchemeID.allCases)
    func clusteredEqualsWhole(scheme: SchemeID) throws {
        let draws = Self.draws
        var gen = RandomScenarios(rng: SplitMix64(seed: 0xC1A5_7E00 + UInt64(SchemeID.allCases.firstIndex(of: scheme)!)))
        var split = 0
        for i in 0..<draws {
            var s = gen.drawSeveralGroups(scheme: scheme)
            // Every third draw starts part-way, as the TUI explores from where the user stopped:
            // threads mid-operation, locks held, a claim half done in another cluster's group.
            if i % 3 == 2 { s.world = gen.advance(s.run, s.world, steps: Int(gen.rng.next() % 6) + 1) }
            for por in [false, true] {
                let whole = Explorer(run: s.run, world: s.world,
                                     options: .init(partialOrderReduction: por, countingBudget: nil, splitClusters: false)).explore()
                let parts = Explorer(run: s.run, world: s.world, options: .init(partialOrderReduction: por, countingBudget: nil)).explore()
                try #require(whole.complete && parts.complete, "\(s)")
                if !parts.clusters.isEmpty { split += 1 }
                #expect(whole.broken == parts.broken, "\(s) por \(por)")
                #expect(parts.outcomesListed, "\(s)")
                #expect(parts.outcomeCount == ScheduleCount(whole.outcomes.count), "\(s)")
                #expect(Dictionary(uniqueKeysWithValues: whole.outcomes.map { ($0.results, $0.schedules) })
                        == Dictionary(uniqueKeysWithValues: parts.outcomes.map { ($0.results, $0.schedules) }), "\(s) por \(por)")
                #expect(parts.totalSchedules == whole.totalSchedules, "\(s)")
                if !por {
                    // Unreduced, both are truly shortest, so the lengths agree.
                    for v in whole.violations {
                        #expect(parts.violations.first { $0.invariant == v.invariant }?.schedule.count == v.schedule.count, "\(s) \(v.invariant)")
                    }
                }
                // Every counterexample replays to a world that breaks its invariant.
                for v in parts.violations {
                    var w = s.world
                    for c in v.schedule {
                        try #require(s.run.choices(of: c.thread, in: w) > (c.fail ? 1 : 0), "\(s) \(v.invariant)")
                        s.run.step(&w, thread: c.thread, fail: c.fail)
                    }
                    #expect(s.run.broken(in: w).contains(InvariantSet(v.invariant)), "\(s) \(v.invariant)")
                }
            }
        }
        // The draws must exercise the split, or this test shows nothing. Under the notifier every
        // bind may BUG_ON and couples the machine, so only the draws without a bind split there.
        #expect(split >= (scheme == .notifier ? 4 : draws), "only \(split) searches split into clusters")
    }

    /// A managed driver's bind never touches its group's record, so it is a cluster of its own
    /// beside a claim of that group; when the search starts with the claim half done, only the
    /// claim's cluster may judge the group's ownership, once the claim is done. (Judged in the
    /// bind's cluster, the half-done claim read as a stale owner that no schedule leaves.)
    @Test(arguments: [SchemeID.merged, .iommufd])
    func aGroupIsJudgedOnlyByTheClusterThatTouchesIt(scheme: SchemeID) throws {
        let topo = Topology.make(groups: [(1, ["0000:00:01.0", "0000:00:02.0", "0000:00:03.0", "0000:00:04.0"])],
                                 drivers: Fixture.drivers, owners: ["qemu", "ctx2"])
        let (run, start) = TestWorld.start(scheme, setup: ["bind 0000:00:02.0 vfio-pci"],
                                           threads: ["bind 0000:00:04.0 pcieport", "kclaim 1 qemu"], topology: topo)
        var world = start
        // The claim takes the group and records its owner, but not yet its claimer.
        while world[group: 0].owner == .none { run.step(&world, thread: 1) }
        #expect(world[holders: 0].kernelClaimer == nil, "the claim is half done")
        let whole = Explorer(run: run, world: world, options: .init(countingBudget: nil, splitClusters: false)).explore()
        let parts = Explorer(run: run, world: world, options: .init(countingBudget: nil)).explore()
        #expect(parts.clusters.count == 2, "the bind and the claim are independent")
        #expect(parts.broken == whole.broken)
        #expect(!parts.broken.contains(.staleOwner))
        #expect(parts.totalSchedules == whole.totalSchedules)
    }

    /// Interleaving two independent sequences of lengths a and b: C(a+b, a) ways, exact until it saturates.
    @Test func binomialInterleavings() {
        let two = LengthCounts([0, 0, 0, 1]), five = LengthCounts([0, 0, 0, 0, 0, 1])
        #expect(two.interleaved(with: five).counts[8] == 56)
        let long = LengthCounts([ScheduleCount](repeating: 0, count: 200) + [1])
        #expect(long.interleaved(with: long).total == .max, "C(400, 200) does not fit 128 bits")
        let mid = LengthCounts([ScheduleCount](repeating: 0, count: 60) + [1])
        // C(120, 60) = 9.66e34 fits in 128 bits; compare with a Pascal row built by addition.
        var row: [ScheduleCount] = [1]
        for _ in 0..<120 { row = zip([0] + row, row + [0]).map { $0 &+ $1 } }
        #expect(mid.interleaved(with: mid).counts[120] == row[60])
    }

    /// Random length counts, small and saturating, against the formula worked out another way:
    /// each binomial by the multiplicative recurrence C(a+b, b) = C(a+b−1, b) · (a+b) / a, exact
    /// division after a gcd (how `interleaved` once did it), saturating; with the binomials of
    /// `Binomials` sized for the pair, and with a larger table shared between pairs.
    @Test func interleavingsMatchTheFormula() {
        func binomial(_ a: Int, _ b: Int) -> ScheduleCount {
            var c: ScheduleCount = 1
            for i in stride(from: 1, through: a, by: 1) {
                if c == .max { return .max }
                let num = ScheduleCount(i + b), den = ScheduleCount(i)
                var (x, y) = (c, den)
                while y != 0 { (x, y) = (y, x % y) }
                c = LengthCounts.saturatingMultiply(c / x, num / (den / x))
            }
            return c
        }
        var rng = SplitMix64(seed: 0x1E57_C0DE)
        func draw(_ n: Int) -> LengthCounts {
            LengthCounts((0..<n).map { _ in
                switch rng.next() % 4 {
                case 0: 0
                case 1: ScheduleCount(rng.next() % 1000)
                case 2: ScheduleCount(rng.next()) << 40
                default: rng.next() % 8 == 0 ? .max : ScheduleCount(rng.next() % 7 + 1)
                }
            })
        }
        let shared = Binomials(upTo: 100, kMax: 20)
        for _ in 0..<300 {
            let x = draw(Int(rng.next() % 70) + 1), y = draw(Int(rng.next() % 12) + 1)
            var expected = [ScheduleCount](repeating: 0, count: x.counts.count + y.counts.count - 1)
            for (a, na) in x.counts.enumerated() where na != 0 {
                for (b, nb) in y.counts.enumerated() where nb != 0 {
                    let n = LengthCounts.saturatingMultiply(LengthCounts.saturatingMultiply(na, nb), binomial(a, b))
                    expected[a + b] = LayeredSearch.saturatingAdd(expected[a + b], n)
                }
            }
            #expect(x.interleaved(with: y).counts == expected, "\(x.counts) with \(y.counts)")
            #expect(x.interleaved(with: y, binomials: shared).counts == expected, "a larger table, shared")
        }
    }
}

extension RandomScenarios {
    /// Two to four groups of one to three devices, a setup, and three to five operations spread
    /// over them, so most draws split into independent clusters and some do not.
    mutating func drawSeveralGroups(scheme: SchemeID) -> Drawn {
        while true {
            let groups = Int(rng.next() % 3) + 2
            var spec: [(id: Int, devices: [String])] = []
            var n = 0
            for g in 0..<groups {
                let size = Int(rng.next() % 3) + 1
                spec.append((g + 1, (0..<size).map { _ in n += 1; return "0000:00:\(n < 10 ? "0" : "")\(n).0" }))
            }
            let topo = Topology.make(groups: spec, drivers: Fixture.drivers, owners: ["qemu", "ctx2"])
            let setup = (0..<Int(rng.next() % 3)).map { _ in op(topo, setup: true) }
            let threads = (0..<Int(rng.next() % 3) + 3).map { _ in op(topo, setup: false) }
            let s = Schemes.scheme(scheme)
            guard case .success(let w0) = Run.runSequentially(setup.map { Fixture.op($0, topo) }, topology: topo, scheme: s,
                                                              from: World(topology: topo)) else { continue }
            let run = Run(topology: topo, scheme: s, operations: threads.map { Fixture.op($0, topo) })
            return Drawn(scheme: scheme, topology: topo, run: run, world: run.start(from: w0),
                         description: "\(scheme.rawValue) groups \(spec.map(\.devices)) setup \(setup) threads \(threads)")
        }
    }

    private mutating func op(_ topo: Topology, setup: Bool) -> String {
        // One group first, then one of its devices: operations cluster by group.
        let g = topo.groups[Int(rng.next() % UInt64(topo.groups.count))]
        let dev = topo.devices[g.devices[Int(rng.next() % UInt64(g.devices.count))]].name
        let group = g.id
        let owner = ["qemu", "ctx2"][Int(rng.next() % 2)]
        let drivers = setup ? ["vfio-pci", "e1000e", "pci-stub"] : ["vfio-pci", "e1000e", "pci-stub", "flaky"]
        let driver = drivers[Int(rng.next() % UInt64(drivers.count))]
        switch rng.next() % (setup ? 2 : 6) {
        case 0: return "bind \(dev) \(driver)"
        case 1: return setup ? "bind \(dev) \(driver)" : "claim \(group) \(owner)"
        case 2: return "unbind \(dev)"
        case 3: return "release \(group) \(owner)"
        case 4: return "dclaim \(dev) \(owner)"
        default: return "drelease \(dev) \(owner)"
        }
    }
}
