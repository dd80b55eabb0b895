import DMAOwnEngine
import DMAOwnScenario
import Foundation
import Testing

/// Known-outcome scenarios with fixed schedules through them, and the golden files their exports
/// are compared with.
enum ExportFixture {
    static let a = "0000:01:00.0", b = "0000:01:00.1"
    static let topology = Topology.make(
        groups: [(7, [a, b])],
        drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false)],
        owners: ["qemu"])

    static func op(_ line: String) -> DMAOwnEngine.Operation {
        switch OperationGrammar.parse(line, in: topology) {
        case .success(let op): return op
        case .failure(let e):
            // A failed test, not a trap that would hide every other result.
            Issue.record("fixture operation '\(line)': \(e.message)")
            return .unbind(device: 0)
        }
    }

    /// S1 under the notifier scheme: e1000e binds beside a VFIO-owned device, probes, and crashes the kernel.
    static let s1 = Scenario(
        title: "VFIO owns the group; a sibling binds a kernel driver", description: "S1: a sibling binds a kernel driver while VFIO owns the group.",
        scheme: .notifier, topology: topology, setup: [op("bind 01:00.0 vfio-pci"), op("claim 7 qemu")],
        threads: [op("bind 01:00.1 e1000e")], source: "test:s1")

    /// S5: bind B to e1000e while qemu claims the group.
    static let s5 = Scenario(
        title: "A bind races a claim", scheme: .merged, topology: topology,
        setup: [op("bind 01:00.0 vfio-pci")], threads: [op("bind 01:00.1 e1000e"), op("claim 7 qemu")], source: "test:s5")

    /// The known hole in Robin's scheme: the release scan keeps ownership for a mid-bind
    /// sibling whose bind then fails at pinctrl.
    static let robinTopology = Topology.make(
        groups: [(7, [a, b])],
        drivers: [.init(name: "e1000e", managedDMA: false), .init(name: "flaky", managedDMA: false, mayFail: [.pinctrl])],
        owners: ["qemu"])
    static let robin = Scenario(
        title: "Robin's scheme: a failed bind leaves a stale owner", scheme: .robin, topology: robinTopology,
        setup: [.bind(device: 0, driver: 0)], threads: [.unbind(device: 0), .bind(device: 1, driver: 1)], source: "test:robin")
    /// T1 up to its release scan, T2 into really_probe, T1 scans, T2 fails at pinctrl, both finish.
    static let robinSchedule: [(thread: Int, fail: Bool)] =
        [(0, false), (0, false), (0, false), (0, false), (0, false), (1, false), (1, false), (1, false),
         (0, false), (1, true), (0, false), (1, false)]

    /// The scenario's run and initial world.
    static func start(_ s: Scenario) throws -> (Run, World) { try s.prepare().get() }

    /// Thread `t` alone until it finishes or blocks, then the others round-robin: a schedule
    /// computed from the engine rather than written down.
    static func schedule(_ s: Scenario, first t: Int) throws -> [(thread: Int, fail: Bool)] {
        let (run, initial) = try start(s)
        var w = initial
        var out: [(thread: Int, fail: Bool)] = []
        while run.choices(of: t, in: w) > 0 { run.step(&w, thread: t); out.append((t, false)) }
        while !run.isFinished(w), let u = run.operations.indices.first(where: { run.choices(of: $0, in: w) > 0 }) {
            run.step(&w, thread: u); out.append((u, false))
        }
        return out
    }

    /// Every state reachable from the initial world, breadth first, as the DOT exporter takes it.
    static func graph(_ s: Scenario) throws -> ExploredGraph {
        let (run, initial) = try start(s)
        var states = [initial], index = [initial: 0], edges: [ExploredGraph.Edge] = [], next = 0
        while next < states.count {
            let w = states[next]
            for t in run.operations.indices {
                for branch in 0..<run.choices(of: t, in: w) {
                    var v = w
                    run.step(&v, thread: t, fail: branch == 1)
                    let j = index[v] ?? { states.append(v); index[v] = states.count - 1; return states.count - 1 }()
                    edges.append(.init(from: next, to: j, thread: t, fail: branch == 1))
                }
            }
            next += 1
        }
        return ExploredGraph(states: states, edges: edges, initial: 0)
    }

    static func golden(_ name: String) -> String? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Writes `text` as golden file `name` when `DMAOWN_UPDATE_GOLDEN` is set, to regenerate after a
    /// deliberate change, and fails the test: a run that rewrote goldens compared each file with
    /// what it had just written, so it proved nothing and must never pass (in CI or anywhere).
    /// Review the diff, then run again without the variable (GoldenMeaningTests checks what the
    /// new files mean).
    static func updateGolden(_ name: String, _ text: String) {
        guard ProcessInfo.processInfo.environment["DMAOWN_UPDATE_GOLDEN"] != nil else { return }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        do {
            try text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("DMAOWN_UPDATE_GOLDEN is set: wrote Golden/\(name); review it with git diff and run again without the variable")
        } catch {
            Issue.record("DMAOWN_UPDATE_GOLDEN is set but Golden/\(name) could not be written: \(error)")
        }
    }
}
