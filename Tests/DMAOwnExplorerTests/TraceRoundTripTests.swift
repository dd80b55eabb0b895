import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// A counterexample saved as a trace and read back replays to a state breaking the same invariant.
@Suite struct TraceRoundTripTests {
    static let text = """
        title = "S1 race"
        scheme = "notifier"
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci"]
        threads = ["bind 0000:01:00.1 e1000e", "claim 7 qemu"]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]
        """

    @Test func counterexampleTracesReplay() throws {
        let scenario = try ScenarioLoader.parse(Self.text, source: "test.toml")
        let (run, world) = try scenario.prepare().get()
        let e = Explorer(run: run, world: world).explore()
        #expect(e.broken == [.isolation, .bugOn])
        #expect(!e.violations.isEmpty, "the loop below checks something")
        for v in e.violations {
            let trace = Trace.make(scenario: scenario, run: run, initial: world, schedule: v.schedule.map { ($0.thread, $0.fail) })
            let decoded = try Trace.decode(trace.json(), source: "trace.json")
            let replayed = try TraceReplay.replay(decoded)
            let last = try #require(replayed.worlds.last)
            #expect(replayed.run.broken(in: last).contains(InvariantSet(v.invariant)))
        }
    }
}
