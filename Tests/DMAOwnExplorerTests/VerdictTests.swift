import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Known-outcome scenarios whose verdicts and outcomes are known.
@Suite struct VerdictTests {
    static let s1Setup = ["bind 01:00.0 vfio-pci", "claim 7 qemu"]

    @Test(arguments: [true, false])
    func s1NotifierBreaksIsolationAndCrashes(por: Bool) {
        let e = Fixture.explore(.notifier, setup: Self.s1Setup, threads: ["bind 01:00.1 e1000e"],
                                options: .init(partialOrderReduction: por))
        #expect(e.complete)
        #expect(e.broken == [.isolation, .bugOn])
        #expect(e.outcomes.map(\.results) == [["crashed"]])
    }

    @Test(arguments: [true, false])
    func s1MergedBreaksNothing(por: Bool) {
        let e = Fixture.explore(.merged, setup: Self.s1Setup, threads: ["bind 01:00.1 e1000e"],
                                options: .init(partialOrderReduction: por))
        #expect(e.complete)
        #expect(e.violations.isEmpty)
        #expect(e.outcomes.map(\.results) == [["-EBUSY"]])
        #expect(e.outcomes.first?.schedules == 1)
    }

    @Test(arguments: [true, false])
    func s5MergedHasTheTwoOutcomesOfDomain(por: Bool) {
        let e = Fixture.explore(.merged, setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"],
                                options: .init(partialOrderReduction: por))
        #expect(e.complete)
        #expect(e.violations.isEmpty)
        #expect(Set(e.outcomes.map(\.results)) == [["0", "-EPERM"], ["-EBUSY", "0"]])
        #expect(e.outcomes.allSatisfy { $0.schedules > 0 })
    }

    /// Two threads of n and m steps that never interfere interleave in C(n+m, n) ways.
    @Test func independentThreadsCountBinomially() {
        let topo = Topology.make(groups: [(1, ["0000:00:01.0"]), (2, ["0000:00:02.0"])], drivers: Fixture.drivers, owners: ["qemu"])
        let threads = ["bind 00:01.0 e1000e", "bind 00:02.0 e1000e"]
        let (run, w0) = Fixture.start(.merged, setup: [], threads: threads, topology: topo)
        func soloLength(_ t: Int) -> Int {
            var w = w0, n = 0
            while run.choices(of: t, in: w) > 0 { run.step(&w, thread: t); n += 1 }
            return n
        }
        let n = soloLength(0), m = soloLength(1)
        let e = Fixture.explore(.merged, setup: [], threads: threads, topology: topo)
        var binomial: ScheduleCount = 1
        for i in 0..<m { binomial = binomial * ScheduleCount(n + m - i) / ScheduleCount(i + 1) }
        #expect(e.outcomes.count == 1)
        #expect(e.outcomes.first?.schedules == binomial)
    }

    /// Five independent binds on five groups: (5k)!/(k!)^5 interleavings, past 2^64, counted exactly.
    @Test func countsPast64BitsAreExact() {
        let devices = (1...5).map { String(format: "0000:00:%02x.0", $0) }
        let topo = Topology.make(groups: devices.enumerated().map { ($0.offset + 1, [$0.element]) }, drivers: Fixture.drivers, owners: ["qemu"])
        let threads = devices.map { "bind \($0) e1000e" }
        let (run, w0) = Fixture.start(.merged, setup: [], threads: threads, topology: topo)
        var w = w0, k = 0
        while run.choices(of: 0, in: w) > 0 { run.step(&w, thread: 0); k += 1 }
        // The multinomial, built up one thread at a time as products of binomials.
        var expected: ScheduleCount = 1, placed = 0
        for _ in 0..<5 {
            for i in 0..<k { expected = expected * ScheduleCount(placed + k - i) / ScheduleCount(i + 1) }
            placed += k
        }
        #expect(expected > ScheduleCount(UInt64.max), "the case must need more than 64 bits (k = \(k))")
        let e = Fixture.explore(.merged, setup: [], threads: threads, topology: topo, options: .init(partialOrderReduction: false))
        #expect(e.outcomes.map(\.schedules) == [expected])
    }
}
