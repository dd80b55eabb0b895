import Testing
import DMAOwnEngine
import DMAOwnTestSupport

/// Group 7 = {A, B} with the drivers and owners the built-in scenarios use.
enum Fixture {
    static let a = "0000:01:00.0", b = "0000:01:00.1", c = "0000:01:00.2"
    /// Every driver the scenario tables name; `shpchp` stands for a bridge driver that uses the DMA API.
    static let drivers: [Topology.Driver] = [
        .init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false),
        .init(name: "pci-stub", managedDMA: true), .init(name: "pcieport", managedDMA: true),
        .init(name: "flaky", managedDMA: false, mayFail: [.pinctrl, .probe]),
        .init(name: "shpchp", managedDMA: false),
        .init(name: "vfio-flaky", managedDMA: true, mayFail: [.probe]),
    ]
    static let topology = Topology.make(groups: [(7, [a, b])], drivers: drivers, owners: ["qemu", "ctx2"])
    /// S4's topology: A is a PCI bridge.
    static let bridged = Topology.make(groups: [(7, [a, b])], bridges: [a], drivers: drivers, owners: ["qemu", "ctx2"])
    /// S8's topology: three devices of one group and two iommufd contexts.
    static let triple = Topology.make(groups: [(7, [a, b, c])], drivers: drivers, owners: ["ctx1", "ctx2"])

    /// A failed test, not a trap, when `line` does not parse (see `TestWorld`).
    static func op(_ line: String, _ topo: Topology = topology) -> Operation { TestWorld.operation(line, in: topo) }

    /// Runs `setup` sequentially, then starts `threads`; a failed setup is recorded (see `TestWorld`).
    static func start(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = topology) -> (Run, World) {
        TestWorld.start(scheme, setup: setup, threads: threads, topology: topology)
    }

    /// Steps thread `t` until it finishes (success branches), stopping early if it blocks or the kernel crashes.
    static func finish(_ t: Int, _ run: Run, _ w: inout World) {
        while case .runnable = run.status(of: t, in: w) { run.step(&w, thread: t) }
    }

    /// Steps thread `t` until its next step is the `nth` (0-based) step matching `where`; false if it never gets there.
    @discardableResult
    static func advance(_ t: Int, _ run: Run, _ w: inout World, skipping nth: Int = 0, until matches: (Step) -> Bool) -> Bool {
        var seen = 0
        while case .runnable = run.status(of: t, in: w) {
            if let s = run.currentStep(of: t, in: w), matches(s) {
                if seen == nth { return true }
                seen += 1
            }
            run.step(&w, thread: t)
        }
        return false
    }

    /// Steps thread `t` until its next step's title (`function: code`) starts with `prefix`.
    @discardableResult
    static func advance(_ t: Int, _ run: Run, _ w: inout World, toFunction prefix: String) -> Bool {
        advance(t, run, &w) { $0.title.hasPrefix(prefix) }
    }

    /// The fields of a group the scenario table asserts on, without the mutex holder.
    struct GroupView: Equatable, CustomStringConvertible {
        var owner: OwnerToken
        var count: Int
        var domain: Domain
        var description: String { "owner \(owner), owner_cnt \(count), domain \(domain)" }
    }

    static func group(_ w: World, _ g: Int = 0) -> GroupView {
        let gs = w[group: g]
        return GroupView(owner: gs.owner, count: gs.ownerCount, domain: gs.domain)
    }

    /// Every thread's result as check reports spell it.
    static func results(_ run: Run, _ w: World) -> [String?] {
        (0..<run.operations.count).map { run.result(of: $0, in: w) }
    }
}
