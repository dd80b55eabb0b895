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
        case .failure(let e): fatalError(e.message)
        }
    }

    /// Runs `setup` sequentially, then starts `threads`.
    static func start(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology) -> (Run, World) {
        let s = Schemes.scheme(scheme)
        let w0 = try! Run.runSequentially(setup.map { op($0, topology) }, topology: topology, scheme: s, from: World(topology: topology)).get()
        let run = Run(topology: topology, scheme: s, operations: threads.map { op($0, topology) })
        return (run, run.start(from: w0))
    }

    static func explore(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology,
                        options: ExplorationOptions = .init()) -> Exploration {
        let (run, world) = start(scheme, setup: setup, threads: threads, topology: topology)
        return Explorer(run: run, world: world, options: options).explore()
    }
}
