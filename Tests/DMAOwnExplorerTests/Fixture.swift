import Testing
import DMAOwnEngine
import DMAOwnTestSupport
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

    /// A failed test, not a trap, when `line` does not parse (see `TestWorld`).
    static func op(_ line: String, _ topo: Topology = topology) -> Operation { TestWorld.operation(line, in: topo) }

    /// Runs `setup` sequentially, then starts `threads`; a failed setup is recorded (see `TestWorld`).
    static func start(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology) -> (Run, World) {
        TestWorld.start(scheme, setup: setup, threads: threads, topology: topology)
    }

    static func explore(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology,
                        options: ExplorationOptions = .init()) -> Exploration {
        let (run, world) = start(scheme, setup: setup, threads: threads, topology: topology)
        return Explorer(run: run, world: world, options: options).explore()
    }
}
