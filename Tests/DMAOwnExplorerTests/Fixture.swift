import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Group 7 = {A, B} with the drivers and owners the built-in scenarios use, and helpers to explore it.
enum Fixture {
    static let a = "0000:01:00.0", b = "0000:01:00.1"
    static let drivers: [Topology.Driver] = [
        .init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false),
        .init(name: "pci-stub", managedDMA: true), .init(name: "pcieport", managedDMA: true),
        .init(name: "flaky", managedDMA: false, mayFail: [.pinctrl, .probe]),
    ]
    static let topology = Topology.make(groups: [(7, [a, b])], drivers: drivers, owners: ["qemu", "ctx2"])

    static func op(_ line: String, _ topo: Topology = topology) -> Operation {
        switch OperationGrammar.parse(line, in: topo) {
        case .success(let op): return op
        case .failure(let e):
            // A failed test, not a trap: a crash would hide every other test's result.
            Issue.record("fixture operation '\(line)': \(e.message)")
            return .unbind(device: 0)
        }
    }

    /// Runs `setup` sequentially, then starts `threads`.
    static func start(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology) -> (Run, World) {
        let s = Schemes.scheme(scheme)
        let w0: World
        switch Run.runSequentially(setup.map { op($0, topology) }, topology: topology, scheme: s, from: World(topology: topology)) {
        case .success(let w): w0 = w
        case .failure(let f):
            // Recorded and carried on from the bare machine: a trap would end the whole test
            // process and hide every other result. The signature stays non-throwing so tests
            // written against it elsewhere keep compiling.
            Issue.record("fixture setup \(setup) failed under \(scheme.rawValue): \(f)")
            w0 = World(topology: topology)
        }
        let run = Run(topology: topology, scheme: s, operations: threads.map { op($0, topology) })
        return (run, run.start(from: w0))
    }

    static func explore(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology,
                        options: ExplorationOptions = .init()) -> Exploration {
        let (run, world) = start(scheme, setup: setup, threads: threads, topology: topology)
        return Explorer(run: run, world: world, options: options).explore()
    }
}
