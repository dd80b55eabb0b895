import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// DOMAIN §6 scenarios whose verdicts and outcomes are known.
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
        var binomial: UInt64 = 1
        for i in 0..<m { binomial = binomial * UInt64(n + m - i) / UInt64(i + 1) }
        #expect(e.outcomes.count == 1)
        #expect(e.outcomes.first?.schedules == binomial)
    }
}
