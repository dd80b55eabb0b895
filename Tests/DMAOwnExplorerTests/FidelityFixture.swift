import DMAOwnEngine
import DMAOwnExplorer

/// Group 7 = {A, B} with a driver whose probe() may fail (r8169) and one whose pins may (pinfail),
/// for the scenarios of issue 11 (each failure point a two-way choice).
enum FidelityFixture {
    static let drivers: [Topology.Driver] = [
        .init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false),
        .init(name: "r8169", managedDMA: false, mayFail: [.probe]),
    ]
    static let topology = Topology.make(groups: [(7, [Fixture.a, Fixture.b])], drivers: drivers, owners: ["qemu"])

    /// Every schedule explored without reduction, so counterexamples are shortest overall.
    static func explore(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology) -> Exploration {
        Fixture.explore(scheme, setup: setup, threads: threads, topology: topology, options: .init(partialOrderReduction: false))
    }

    /// The length of the shortest schedule breaking `invariant`, if one does.
    static func shortest(_ e: Exploration, _ invariant: Invariant) -> Int? {
        e.violations.first { $0.invariant == invariant }?.schedule.count
    }
}
