import DMAOwnEngine

/// The "groups" benchmark family of `dmaown bench`: G IOMMU groups, each with the same three
/// concurrent operations on its own devices (a kernel bind, a VM claim, an unbind), so the work
/// is G independent copies of one small race and should cost G times one copy.
///
/// Group g has three devices: `0000:gg:00.0` bound to vfio-pci (so a VM may claim the group),
/// `0000:gg:00.1` unbound (the kernel bind's target), `0000:gg:00.2` bound to e1000e (the unbind's).
public enum GroupsFamily {
    /// The operations of one group, in order, as operation lines for group id `g`.
    public static func lines(group g: Int, operations k: Int = 3) -> [String] {
        let d = device(g)
        return Array(["bind \(d(1)) e1000e", "claim \(g) qemu", "unbind \(d(2))", "release \(g) qemu"].prefix(k))
    }

    /// The setup lines of group `g`.
    public static func setup(group g: Int) -> [String] {
        ["bind \(device(g)(0)) vfio-pci", "bind \(device(g)(2)) e1000e"]
    }

    private static func device(_ g: Int) -> (Int) -> String {
        { f in "0000:\(String(g, radix: 16).leftPadded(to: 2)):00.\(f)" }
    }

    /// The scenario as a TOML file (what `dmaown check` reads), with `k` operations per group (at most 4).
    public static func toml(groups: Int, operations k: Int = 3, scheme: SchemeID = .merged) -> String {
        let ids = Array(1...groups)
        func list(_ xs: [String]) -> String { "[" + xs.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
            title = "\(groups) groups, \(k) operations each"
            scheme = "\(scheme.rawValue)"
            owners = ["qemu"]
            setup = \(list(ids.flatMap { setup(group: $0) }))
            threads = \(list(ids.flatMap { lines(group: $0, operations: k) }))

            [drivers]
            vfio-pci = { managed_dma = true }
            e1000e = { managed_dma = false }

            [groups]
            \(ids.map { g in "\(g) = \(list((0..<3).map(device(g))))" }.joined(separator: "\n"))

            """
    }

    /// The case with `groups` groups under `scheme`, setup applied, ready to explore.
    public static func make(groups: Int, operations k: Int = 3, scheme: SchemeID = .merged) -> (run: Run, world: World) {
        let ids = Array(1...groups)
        let topo = Topology.make(
            groups: ids.map { g in (g, (0..<3).map(device(g))) },
            drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false)],
            owners: ["qemu"])
        func parse(_ line: String) -> Operation {
            guard case .success(let op) = OperationGrammar.parse(line, in: topo) else { preconditionFailure("bad family line \(line)") }
            return op
        }
        let s = Schemes.scheme(scheme)
        let setupOps = ids.flatMap { Self.setup(group: $0) }.map(parse)
        let w0 = (try? Run.runSequentially(setupOps, topology: topo, scheme: s, from: World(topology: topo)).get()) ?? World(topology: topo)
        let run = Run(topology: topo, scheme: s, operations: ids.flatMap { lines(group: $0, operations: k) }.map(parse))
        return (run, run.start(from: w0))
    }
}

extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
