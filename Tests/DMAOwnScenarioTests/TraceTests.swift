import Testing
import DMAOwnEngine
@testable import DMAOwnScenario
import DMAOwnTestSupport

/// Traces: JSON round trip, replay to the exact world, and clear errors for steps that do not fit.
@Suite struct TraceTests {
    static let text = """
        title = "bind races claim"
        scheme = "merged"
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci"]
        threads = ["bind 01:00.1 e1000e", "claim 7 qemu"]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]
        """

    static func scenario() throws -> Scenario { try ScenarioLoader.parse(text, source: "race.toml") }

    /// A trace of `schedule` (1-based threads, `!` marks a failure branch) built by hand, not by `Trace.make`.
    static func trace(_ schedule: [Int], operations: [String] = ["bind 0000:01:00.1 e1000e", "claim 7 qemu"], fail: Set<Int> = []) -> Trace {
        Trace(title: "bind races claim", source: "race.json", scenario: text, scheme: .merged, operations: operations,
              steps: schedule.enumerated().map { Trace.Entry(thread: $0.element, fail: fail.contains($0.offset)) })
    }

    @Test func jsonRoundTrip() throws {
        let s = try Self.scenario()
        let (run, world) = try s.prepare().get()
        let t = Trace.make(scenario: s, run: run, initial: world, schedule: [(1, false), (0, false), (1, false)])
        #expect(t.operations == ["bind 0000:01:00.1 e1000e", "claim 7 qemu"])
        #expect(t.steps.map(\.thread) == [2, 1, 2])
        #expect(t.steps[0].op == "claim 7 qemu")
        #expect(t.steps[0].step?.hasPrefix("vfio_group_fops_open: ") == true, "VFIO's front end comes first")
        #expect(t.steps[1].step == "device_driver_attach: device_lock(dev)")
        let json = t.json()
        let back = try Trace.decode(json, source: "t.json")
        #expect(back == t)
        // Sorted keys, so saved traces diff cleanly.
        let keys = ["\"operations\"", "\"scenario\"", "\"scheme\"", "\"source\"", "\"steps\"", "\"title\"", "\"version\""]
        let positions = keys.map { json.firstRange(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func decodeRejectsGarbage() {
        #expect(throws: TraceError(file: "x.json", message: "trace format version 2 is not supported (this dmaown reads version 1)")) {
            var t = Self.trace([])
            t.version = 2
            _ = try Trace.decode(t.json(), source: "x.json")
        }
        do {
            _ = try Trace.decode("{\"title\": 1}", source: "x.json")
            Issue.record("decoded a non-trace")
        } catch {
            #expect(error.description.hasPrefix("x.json: not a dmaown trace: "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func replayReachesTheExpectedWorld() throws {
        // claim runs to the end (VFIO's open, then 4 steps), then the bind runs until it gives up.
        let steps = [2, 2, 2, 2, 2] + Array(repeating: 1, count: 7)
        let (scenario, run, worlds) = try TraceReplay.replay(Self.trace(steps))
        #expect(worlds.count == steps.count + 1)
        let end = try #require(worlds.last)
        let g = end[group: 0]
        #expect(g.owner == .user(0))
        #expect(g.ownerCount == 1)
        #expect(g.domain == .user(0))
        #expect(g.mutexHolder == nil)
        let b = scenario.topology.devices.firstIndex { $0.name == "0000:01:00.1" }!
        #expect(end[device: b].driver == nil)
        #expect(end[device: b].lockHolder == nil)
        #expect(run.result(of: 0, in: end) == "-EBUSY")
        #expect(run.result(of: 1, in: end) == "0")
        #expect(run.broken(in: end).isEmpty)
    }

    @Test func replayAddsOperationsBeyondTheScenario() throws {
        let ops = ["bind 0000:01:00.1 e1000e", "claim 7 qemu", "unbind 01:00.0"]
        let (_, run, worlds) = try TraceReplay.replay(Self.trace([3, 3, 3, 3, 3], operations: ops))
        #expect(run.operations.count == 3)
        #expect(run.line(of: 2) == "unbind 0000:01:00.0")
        let last = try #require(worlds.last)
        #expect(last[device: 0].driver == nil)
        #expect(run.result(of: 2, in: last) == "0")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var trace: Trace
        var error: TraceError
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "thread out of range", trace: trace([1, 3]),
            error: TraceError(file: "race.json", entry: 1, message: "thread 3 does not exist (the trace has threads 1 to 2)")),
        Bad(name: "thread zero", trace: trace([0]),
            error: TraceError(file: "race.json", entry: 0, message: "thread 0 does not exist (the trace has threads 1 to 2)")),
        Bad(name: "blocked thread", trace: trace([2, 2, 1, 1, 1, 1, 1]),
            error: TraceError(file: "race.json", entry: 6, message: "thread 1 (bind 0000:01:00.1 e1000e) is blocked: group 7 mutex held by thread 2")),
        Bad(name: "finished thread", trace: trace([2, 2, 2, 2, 2, 2]),
            error: TraceError(file: "race.json", entry: 5, message: "thread 2 (claim 7 qemu) already finished with 0")),
        Bad(name: "fail at a step that is no choice point", trace: trace([1], fail: [0]),
            error: TraceError(file: "race.json", entry: 0, message: "thread 1 cannot fail at 'device_driver_attach: device_lock(dev)': it is not a may_fail choice point")),
        Bad(name: "operation differs from the scenario", trace: trace([], operations: ["claim 7 qemu", "claim 7 qemu"]),
            error: TraceError(file: "race.json", message: "operation 1 'claim 7 qemu' is not the scenario's thread 1 'bind 0000:01:00.1 e1000e'")),
        Bad(name: "unknown name in an added operation", trace: trace([], operations: ["bind 01:00.1 e1000e", "claim 7 qemu", "unbind 09:00.0"]),
            error: TraceError(file: "race.json", message: "operation 3 'unbind 09:00.0': unknown device '09:00.0'")),
    ]

    @Test(arguments: bad) func replayRejects(_ c: Bad) {
        #expect(throws: c.error) { try TraceReplay.replay(c.trace) }
        #expect(c.error.description.hasPrefix("race.json: "))
    }

    @Test func replayRejectsABrokenEmbeddedScenario() {
        var t = Self.trace([])
        t.scenario = t.scenario.replacingOccurrences(of: "scheme = \"merged\"", with: "scheme = \"mergd\"")
        #expect(throws: TraceError(file: "race.json", message: "embedded scenario: race.json:2: unknown scheme 'mergd' (expected one of: notifier, v6, merged, iommufd, robin, robin-locked)")) {
            try TraceReplay.replay(t)
        }
    }

    @Test func entryErrorNamesTheEntry() {
        #expect(TraceError(file: "a.json", entry: 3, message: "m").description == "a.json: steps[3]: m")
        #expect(TraceError(file: "a.json", message: "m").description == "a.json: m")
    }
}

/// Any schedule the engine can take, saved and read back, replays to the very same worlds.
@Suite struct TraceRoundTripProperty {
    @Test(arguments: ["robin-stale-owner", "s5-bind-vs-claim", "busy-machine", "notifier-bug-on"])
    func randomSchedulesReplayExactly(_ name: String) throws {
        let s = try BuiltinScenarios.load(name)
        let (run, initial) = try s.prepare().get()
        var rng = SplitMix64(seed: 0xD3A0_0000 &+ UInt64(name.count))
        for _ in 0..<50 {
            var w = initial
            var schedule: [(thread: Int, fail: Bool)] = []
            var worlds = [w]
            while true {
                let runnable = (0..<run.operations.count).filter { run.choices(of: $0, in: w) > 0 }
                guard let t = runnable.randomElement(using: &rng) else { break }
                let fail = run.choices(of: t, in: w) == 2 && Bool.random(using: &rng)
                run.step(&w, thread: t, fail: fail)
                schedule.append((t, fail))
                worlds.append(w)
            }
            let trace = Trace.make(scenario: s, run: run, initial: initial, schedule: schedule)
            let decoded = try Trace.decode(trace.json(), source: "p.json")
            #expect(decoded == trace)
            let replayed = try TraceReplay.replay(decoded)
            #expect(replayed.worlds == worlds)
            #expect(trace.steps.allSatisfy { $0.op != nil && $0.step != nil })
        }
    }
}
