import Testing
import DMAOwnEngine
@testable import DMAOwnExplorer
import DMAOwnTestSupport

/// The counting pass may visit one state per set of states that differ only by swapping threads
/// that run the same operation from the same start; the outcome set and every count must be the
/// same as when it visits every unreduced state.
@Suite struct ThreadSymmetryTests {
    /// Draws per scheme, each with one or two operations repeated.
    static let draws = 40

    @Test(arguments: SchemeID.allCases)
    func foldedCountsEqualUnfolded(scheme: SchemeID) throws {
        var gen = RandomScenarios(rng: SplitMix64(seed: 0x5E77_0000 + UInt64(SchemeID.allCases.firstIndex(of: scheme)!)))
        var fewer = 0
        for i in 0..<Self.draws {
            // Every other draw has several groups, so clusters (counted by length) fold too.
            let drawn = i % 2 == 0 ? gen.draw(scheme: scheme) : gen.drawSeveralGroups(scheme: scheme)
            var s = gen.repeatingOperations(of: drawn)
            // Every third draw starts part-way, as the TUI explores from where the user stopped:
            // moved threads, and locks held when the search starts (in clusters, by strangers).
            if i % 3 == 2 { s.world = gen.advance(s.run, s.world, steps: 3) }
            // Every other draw without reduction: one fused pass judges and counts, and its
            // counterexamples are truly shortest, so their lengths must agree too.
            let por = i % 4 < 2
            let options = ExplorationOptions(partialOrderReduction: por, countingBudget: nil)
            var plain = options
            plain.threadSymmetry = false
            let folded = Explorer(run: s.run, world: s.world, options: options).explore()
            let every = Explorer(run: s.run, world: s.world, options: plain).explore()
            #expect(folded.broken == every.broken, "\(s) por \(por)")
            if !por {
                for v in every.violations {
                    #expect(folded.violations.first { $0.invariant == v.invariant }?.schedule.count == v.schedule.count, "\(s) \(v.invariant)")
                }
            }
            // Every schedule either search hands back is one the run takes, ending where it says.
            for v in every.violations {
                let w = try Self.replay(v.schedule, s.run, s.world)
                #expect(s.run.broken(in: w).contains(InvariantSet(v.invariant)), "unfolded: \(s) \(v.invariant)")
            }
            for v in folded.violations {
                let w = try Self.replay(v.schedule, s.run, s.world)
                #expect(s.run.broken(in: w).contains(InvariantSet(v.invariant)), "folded: \(s) \(v.invariant)")
            }
            let schedules = folded.clusters.isEmpty ? folded.outcomeSchedules : [:]
            #expect(folded.clusters.isEmpty ? Set(schedules.keys) == Set(folded.outcomes.map(\.results)) : true, "\(s)")
            for (results, schedule) in schedules {
                let w = try Self.replay(schedule, s.run, s.world)
                #expect(s.run.operations.indices.map { s.run.result(of: $0, in: w) ?? "deadlocked" }
                            .map { $0 == "deadlocked" && results.contains("waiting") ? "waiting" : $0 } == results, "\(s)")
            }
            try #require(folded.complete && every.complete && folded.schedulesCounted && every.schedulesCounted, "\(s)")
            // A repeated operation makes interchangeable threads (the search folds them only within
            // a cluster: threads that never interact may land in clusters of their own).
            if i % 3 != 2 { #expect(ThreadSymmetry(run: s.run, world: s.world) != nil, "\(s)") }
            #expect(every.countingSymmetry.isEmpty && !every.countingFolded)
            // No draw saturates 128 bits, so whatever the search folded, its counting folded too
            // (fused into the verdict pass without reduction, a pass of its own with it).
            #expect(folded.countingFolded == !folded.countingSymmetry.isEmpty, "\(s) por \(por)")
            #expect(Dictionary(uniqueKeysWithValues: folded.outcomes.map { ($0.results, $0.schedules) })
                    == Dictionary(uniqueKeysWithValues: every.outcomes.map { ($0.results, $0.schedules) }), "\(s)")
            #expect(folded.totalSchedules == every.totalSchedules, "\(s)")
            for (a, b) in zip(folded.clusters, every.clusters) {
                #expect(Dictionary(uniqueKeysWithValues: a.outcomes.map { ($0.results, $0.schedules) })
                        == Dictionary(uniqueKeysWithValues: b.outcomes.map { ($0.results, $0.schedules) }), "\(s)")
            }
            #expect(folded.countingStates <= every.countingStates, "\(s)")
            if folded.countingStates < every.countingStates { fewer += 1 }
        }
        // Folding must actually save states on most draws, or this test compares a pass with itself.
        #expect(fewer >= Self.draws / 2, "only \(fewer) draws visited fewer states")
    }

    /// `schedule` replayed from `world`; fails the test when it takes a step the run cannot take.
    static func replay(_ schedule: [Choice], _ run: Run, _ world: World) throws -> World {
        var w = world
        for c in schedule {
            try #require(run.choices(of: c.thread, in: w) > (c.fail ? 1 : 0), "thread \(c.thread + 1) cannot take this step")
            run.step(&w, thread: c.thread, fail: c.fail)
        }
        return w
    }

    /// A thread already moved is not interchangeable with one that has not (the TUI explores from
    /// wherever the user stopped): folding them would count the wrong states.
    @Test func movedThreadIsNotInterchangeable() throws {
        var (run, world) = Self.start(threads: 3)
        #expect(ThreadSymmetry(run: run, world: world)?.classes == [[1, 2, 3]])
        run.step(&world, thread: 1)
        #expect(ThreadSymmetry(run: run, world: world)?.classes == [[2, 3]])
        var plain = ExplorationOptions(countingBudget: nil)
        plain.threadSymmetry = false
        let folded = Explorer(run: run, world: world, options: .init(countingBudget: nil)).explore()
        let every = Explorer(run: run, world: world, options: plain).explore()
        #expect(folded.countingSymmetry == [[2, 3]])
        #expect(folded.outcomes == every.outcomes)
        #expect(folded.countingStates < every.countingStates)
    }

    /// Two states that differ only by swapping two threads, one of which holds a lock, have one
    /// representative: records sorted and the lock holder renumbered with them.
    @Test func swappedStatesShareARepresentative() throws {
        let (run, world) = Self.start(threads: 2)
        let sym = try #require(ThreadSymmetry(run: run, world: world))
        var a = world, b = world
        // The first step of a bind takes device_lock, so the two worlds differ in who holds it.
        run.step(&a, thread: 1)
        run.step(&b, thread: 2)
        #expect(a.lockHolder(ofDevice: 1) == 1 && b.lockHolder(ofDevice: 1) == 2)
        #expect(a != b)
        var ra = a.bytes, rb = b.bytes
        ra.withUnsafeMutableBytes { sym.canonicalize($0.baseAddress!) }
        rb.withUnsafeMutableBytes { sym.canonicalize($0.baseAddress!) }
        #expect(ra == rb)
        // Sorting is idempotent: a representative is its own.
        var again = ra
        again.withUnsafeMutableBytes { sym.canonicalize($0.baseAddress!) }
        #expect(again == ra)
    }

    /// The search canonicalises each successor by moving only the stepped thread's record
    /// (`canonicalize(_:stepped:)`); the full sort of every class is the reference. Random walks
    /// over every scheme, each step taken from a representative, as the search takes them, and
    /// both forms compared byte for byte.
    @Test(arguments: SchemeID.allCases)
    func insertingTheSteppedThreadEqualsSortingEveryClass(scheme: SchemeID) throws {
        var gen = RandomScenarios(rng: SplitMix64(seed: 0x1_5E77_0000 + UInt64(SchemeID.allCases.firstIndex(of: scheme)!)))
        var rng = SplitMix64(seed: 0xC0FF_EE00 + UInt64(SchemeID.allCases.firstIndex(of: scheme)!))
        var steps = 0, moved = 0
        for i in 0..<30 {
            let drawn = i % 2 == 0 ? gen.draw(scheme: scheme) : gen.drawSeveralGroups(scheme: scheme)
            let s = gen.repeatingOperations(of: drawn)
            guard let sym = ThreadSymmetry(run: s.run, world: s.world) else { continue }
            for _ in 0..<4 {
                var world = s.world
                while true {
                    let choices = s.run.operations.indices.flatMap { t in
                        (0..<s.run.choices(of: t, in: world)).map { (t, $0 == 1) }
                    }
                    guard let (t, fail) = choices.randomElement(using: &rng) else { break }
                    var next = world
                    s.run.step(&next, thread: t, fail: fail)
                    var full = next.bytes, inserted = next.bytes
                    full.withUnsafeMutableBytes { sym.canonicalize($0.baseAddress!) }
                    inserted.withUnsafeMutableBytes { sym.insertStepped($0.baseAddress!, t) }
                    #expect(inserted == full, "\(s): thread \(t) stepped from \(world.bytes)")
                    steps += 1
                    if full != next.bytes { moved += 1 }
                    full.withUnsafeBytes { next.load($0) }
                    world = next
                }
            }
        }
        // Records must actually move on a fair share of steps, or the comparison tests nothing.
        #expect(steps > 200 && moved > steps / 50, "\(moved) of \(steps) steps moved a record")
    }

    /// `threads` binds of the same device to e1000e, with an unbind of another device first so
    /// the run also has a thread no other thread is interchangeable with.
    static func start(threads: Int) -> (Run, World) {
        let topo = Topology.make(groups: [(12, ["0000:03:00.0", "0000:03:00.1"])], drivers: Fixture.drivers, owners: ["qemu"])
        let (run, world) = TestWorld.start(.merged, setup: ["bind 0000:03:00.0 e1000e"],
                                           threads: ["unbind 0000:03:00.0"] + Array(repeating: "bind 0000:03:00.1 e1000e", count: threads),
                                           topology: topo)
        return (run, world)
    }

    /// A lock held by no thread of the run (a cluster's world gives other clusters' locks to such
    /// a stranger) is left alone when threads are renumbered.
    @Test func aStrangersLockIsNotRenumbered() throws {
        let (run, start) = Self.start(threads: 2)
        var world = start
        let stranger = run.operations.count
        world[device: 0].lockHolder = stranger
        let sym = try #require(ThreadSymmetry(run: run, world: world))
        // Thread 1 takes device_lock(01:00.1) and is now ahead of thread 2: the two records are
        // out of order, so the representative swaps them, and the lock goes with the record.
        run.step(&world, thread: 1)
        var bytes = world.bytes
        bytes.withUnsafeMutableBytes { sym.canonicalize($0.baseAddress!) }
        var folded = world
        bytes.withUnsafeBytes { folded.load($0) }
        #expect(folded.lockHolder(ofDevice: 0) == stranger)
        #expect(folded.lockHolder(ofDevice: 1) == 2, "the lock taken moves with the thread that took it")
    }

    /// A saturated sum has no share to hand out (the pass is then run unfolded); a search cut
    /// short shares what it counted, rounded down; a complete one shares exactly.
    @Test func sharingOutTheSums() throws {
        let (run, world) = Self.start(threads: 2)
        let sym = try #require(ThreadSymmetry(run: run, world: world))
        // Thread 0 (the unbind) alone; threads 1 and 2 swap: [0, 16, 0] stands for two outcomes.
        let key: [UInt8] = [0, 0, 16]
        #expect(sym.expand([key: 10]) == [[0, 0, 16]: 5, [0, 16, 0]: 5])
        #expect(sym.expand([key: 11], exact: false) == [[0, 0, 16]: 5, [0, 16, 0]: 5])
        #expect(sym.expand([key: .max]) == nil)
        #expect(sym.expand([[0, 16, 16]: 7]) == [[0, 16, 16]: 7], "equal results are one arrangement")
    }

    @Test func distinctPermutationsOfAMultiset() {
        #expect(ThreadSymmetry.distinctPermutations([2, 1, 1]) == [[1, 1, 2], [1, 2, 1], [2, 1, 1]])
        #expect(ThreadSymmetry.distinctPermutations([5, 5]) == [[5, 5]])
        #expect(ThreadSymmetry.distinctPermutations([3, 1, 2]).count == 6)
    }
}

extension RandomScenarios {
    /// `world` after up to `steps` steps of threads drawn at random (fewer when every thread is stuck or done).
    mutating func advance(_ run: Run, _ world: World, steps: Int) -> World {
        var w = world
        for _ in 0..<steps {
            let able = run.operations.indices.filter { run.choices(of: $0, in: w) > 0 }
            guard !able.isEmpty else { break }
            run.step(&w, thread: able[Int(rng.next() % UInt64(able.count))])
        }
        return w
    }

    /// `s` with one or two of its operations run again by more threads, so some threads are interchangeable.
    mutating func repeatingOperations(of s: Drawn) -> Drawn {
        var ops = s.run.operations
        for _ in 0..<Int(rng.next() % 2) + 1 { ops.append(ops[Int(rng.next() % UInt64(ops.count))]) }
        let run = Run(topology: s.topology, scheme: s.run.scheme, operations: ops)
        return Drawn(scheme: s.scheme, topology: s.topology, run: run, world: run.start(from: s.world),
                     description: s.description + " + repeated \(ops.dropFirst(s.run.operations.count).map(s.topology.describe))")
    }
}
