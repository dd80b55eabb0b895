import Testing
import DMAOwnEngine
import DMAOwnTestSupport

/// What one seeded random run did.
struct RandomRun {
    var seed: UInt64
    var lines: [String]
    /// Every invariant broken at any step.
    var seen: InvariantSet
    /// Invariants broken in the final world.
    var end: InvariantSet
    var allDone: Bool
    var steps: Int
    /// Each step taken, "thread: function: code", with the invariants broken after it.
    var trace: [String] = []
}

/// Seeded random schedules over a 4-device group: random operations, random interleaving, random
/// `may_fail` choices. Exhaustive search cannot reach this many operations; random runs can.
enum RandomSchedules {
    static let topology = Topology.make(
        groups: [(9, ["0000:02:00.0", "0000:02:00.1", "0000:02:00.2", "0000:02:00.3"])],
        drivers: [.init(name: "e1000e", managedDMA: false), .init(name: "vfio-pci", managedDMA: true),
                  .init(name: "pci-stub", managedDMA: true), .init(name: "flaky", managedDMA: false, mayFail: [.pinctrl, .probe]),
                  .init(name: "flaky-stub", managedDMA: true, mayFail: [.pinctrl, .probe])],
        owners: ["qemu", "ctx2"])

    static func randomOperation(_ scheme: SchemeID, _ rng: inout SplitMix64) -> Operation {
        let d = Int.random(in: 0..<4, using: &rng), o = Int.random(in: 0..<2, using: &rng)
        let kinds = scheme == .iommufd ? 10 : 8
        switch Int.random(in: 0..<kinds, using: &rng) {
        case 0..<4: return .bind(device: d, driver: Int.random(in: 0..<topology.drivers.count, using: &rng))
        case 4, 5: return .unbind(device: d)
        case 6: return .claim(group: 0, owner: o)
        case 7: return .release(group: 0, owner: o)
        case 8: return .dclaim(device: d, owner: o)
        default: return .drelease(device: d, owner: o)
        }
    }

    /// Runs 0–3 operations one after another, then 2–4 concurrently, all choices drawn from `seed`.
    static func play(_ scheme: SchemeID, seed: UInt64, tracing: Bool = false) -> RandomRun {
        var rng = SplitMix64(seed: seed)
        let sequential = Int.random(in: 0...3, using: &rng), concurrent = Int.random(in: 2...4, using: &rng)
        let ops = (0..<(sequential + concurrent)).map { _ in randomOperation(scheme, &rng) }
        let run = Run(topology: topology, scheme: Schemes.scheme(scheme), operations: ops)
        var w = run.start(from: World(topology: topology))
        var seen: InvariantSet = [], steps = 0, trace: [String] = []

        func step(_ t: Int, choices: Int) {
            let fail = choices == 2 && Int.random(in: 0..<3, using: &rng) == 0
            let title = tracing ? run.currentStep(of: t, in: w)?.title ?? "?" : ""
            run.step(&w, thread: t, fail: fail)
            let broken = run.broken(in: w)
            seen.formUnion(broken)
            if tracing {
                let g = w[group: 0]
                trace.append("\(t + 1): \(title)\(fail ? " [fail]" : "") -> \(g.owner) \(g.ownerCount) \(g.domain) \(broken.members.map(\.rawValue))")
            }
            steps += 1
        }
        for t in 0..<sequential {
            while steps < 1000 {
                let n = run.choices(of: t, in: w)
                if n == 0 { break }
                step(t, choices: n)
            }
        }
        var ready: [(thread: Int, choices: Int)] = []
        while steps < 1000 {
            ready.removeAll(keepingCapacity: true)
            for t in sequential..<ops.count {
                let n = run.choices(of: t, in: w)
                if n > 0 { ready.append((t, n)) }
            }
            guard let pick = ready.randomElement(using: &rng) else { break }
            step(pick.thread, choices: pick.choices)
        }
        return RandomRun(seed: seed, lines: ops.map(topology.describe), seen: seen, end: run.broken(in: w),
                         allDone: (0..<ops.count).allSatisfy { w[thread: $0].done }, steps: steps, trace: trace)
            .checked(run, w)
    }
}

extension RandomRun {
    /// Checks what must hold at the end of any run, whatever the scheme.
    func checked(_ run: Run, _ w: World) -> RandomRun {
        let stop = InvariantSet([InvariantSet(.deadlock), InvariantSet(.bugOn)])
        #expect(steps < 1000, "seed \(seed): no program is that long")
        // Threads left waiting for a user to let go (vfio-pci's remove()) are not deadlocked.
        let waiting = run.isWaitingOnUsers(w)
        #expect(allDone || !end.isDisjoint(with: stop) || waiting, "seed \(seed) \(lines): stopped with threads unfinished and nothing to name it")
        for t in 0..<run.operations.count {
            switch run.status(of: t, in: w) {
            case .done, .crashed: break
            case .blocked: #expect(end.contains(InvariantSet(.deadlock)) != waiting, "seed \(seed): thread \(t + 1) blocked without a deadlock or a user to wait for")
            case .runnable: Issue.record("seed \(seed): thread \(t + 1) still runnable at the end")
            }
        }
        if !end.isEmpty {
            let named = run.violations(in: w)
            #expect(Set(named.map(\.invariant)) == Set(end.members), "seed \(seed): each broken invariant gets one message")
            #expect(named.allSatisfy { !$0.message.isEmpty })
        }
        return self
    }
}

@Suite struct RandomScheduleTests {
    static let seeds: Range<UInt64> = 0..<2000

    static func runs(_ scheme: SchemeID) -> [RandomRun] {
        seeds.map { RandomSchedules.play(scheme, seed: $0) }
    }

    static func union(_ runs: [RandomRun]) -> InvariantSet {
        runs.reduce(into: InvariantSet()) { $0.formUnion($1.seen) }
    }

    /// Records each run that broke one of `forbidden`, with its full trace so the seed explains itself.
    static func reject(_ runs: [RandomRun], _ scheme: SchemeID, breaking forbidden: InvariantSet) {
        for r in runs where !r.seen.isDisjoint(with: forbidden) {
            let trace = RandomSchedules.play(scheme, seed: r.seed, tracing: true).trace
            Issue.record("seed \(r.seed) \(r.lines) broke \(r.seen.intersection(forbidden).members.map(\.rawValue)) under \(scheme):\n\(trace.joined(separator: "\n"))")
        }
    }

    /// The same seed gives the same run: failures replay.
    @Test func deterministic() {
        let a = RandomSchedules.play(.robin, seed: 42), b = RandomSchedules.play(.robin, seed: 42)
        #expect(a.lines == b.lines && a.steps == b.steps && a.seen == b.seen)
        #expect(RandomSchedules.play(.robin, seed: 43).lines != a.lines)
    }

    /// v5.19 and iommufd: no schedule lets a DMA-API driver do DMA into a user-owned group, and
    /// nothing else breaks either: no WARN, no stale count, no deadlock, no lock inversion.
    @Test(arguments: [SchemeID.merged, .iommufd])
    func countingSchemesKeepIsolation(_ scheme: SchemeID) {
        let runs = Self.runs(scheme)
        Self.reject(runs, scheme, breaking: InvariantSet(.isolation))
        Self.reject(runs, scheme, breaking: InvariantSet(rawValue: ~InvariantSet(.isolation).rawValue))
        #expect(runs.contains { r in r.lines.contains { $0.hasPrefix("claim") || $0.hasPrefix("dclaim") } && r.allDone })
        #expect(runs.contains { $0.lines.count >= 5 })
    }

    /// v6 as posted already kept isolation; its nesting changes no lock, and a release deciding on
    /// the count under the mutex leaves no stale count and fires no WARN.
    @Test func v6KeepsIsolation() {
        let runs = Self.runs(.v6)
        Self.reject(runs, .v6, breaking: InvariantSet(.isolation))
        Self.reject(runs, .v6, breaking: InvariantSet(rawValue: ~InvariantSet(.isolation).rawValue))
        #expect(runs.contains { r in r.lines.filter { $0.hasPrefix("claim") }.count >= 2 && r.allDone }, "some runs nest claims")
    }

    /// Before 5.19 random schedules find S1: isolation broken, then BUG_ON, and nothing else.
    /// A BUG_ON need not follow a breach: vfio_group_nb_verify reads container_users, which
    /// SET_CONTAINER raises before SET_IOMMU attaches the domain, so a bind completing in between
    /// crashes the machine while its DMA still used the default domain (NotifierClaimOrderTests).
    @Test func notifierBreaksIsolation() {
        let runs = Self.runs(.notifier)
        let broken = runs.filter { $0.seen.contains(InvariantSet(.isolation)) }
        #expect(!broken.isEmpty)
        #expect(broken.contains { $0.end.contains(InvariantSet(.bugOn)) })
        Self.reject(runs, .notifier, breaking: [InvariantSet(.lockOrder), InvariantSet(.deadlock), InvariantSet(.warn), InvariantSet(.staleOwner)])
    }

    /// Random schedules reach Robin's stale-owner hole (DOMAIN §5.1); his lockless scan never
    /// inverts the lock order or deadlocks. The hole needs one narrow interleaving (scan between a
    /// sibling's `dev->driver = drv` and its claim, then a pinctrl failure); since vfio-pci's remove()
    /// waits for its user, the former shortcut (unbinding the owning VFIO device under a held group)
    /// is gone, so more seeds are drawn.
    @Test func robinReachesStaleOwner() {
        let runs = (UInt64(0)..<4000).map { RandomSchedules.play(.robin, seed: $0) }
        #expect(runs.contains { $0.end.contains(InvariantSet(.staleOwner)) })
        Self.reject(runs, .robin, breaking: [InvariantSet(.bugOn), InvariantSet(.lockOrder), InvariantSet(.deadlock)])
    }

    /// The locked scan takes siblings' device locks under group->mutex: random schedules see the
    /// inversion, and never a BUG_ON.
    @Test func robinLockedInvertsTheLockOrder() {
        let runs = Self.runs(.robinLocked)
        #expect(runs.contains { $0.seen.contains(InvariantSet(.lockOrder)) })
        Self.reject(runs, .robinLocked, breaking: [InvariantSet(.bugOn)])
    }
}
