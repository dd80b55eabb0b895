import DMAOwnEngine

/// The benchmark family of `dmaown bench`: one IOMMU group of N devices with K concurrent
/// operations, built in code so the figures do not depend on any file.
///
/// Operations are taken in this order: a DMA-API bind, a second DMA-API bind, a vfio-pci bind, a
/// group claim, two unbinds, a third DMA-API bind; so K = 6 is the headline mix "2 DMA-API binds, a
/// vfio-pci bind, a claim, 2 unbinds". vfio-pci binds device 0, DMA-API binds take devices 1, 2, …
/// and unbinds take devices from the end, which the setup binds to e1000e first. With few devices,
/// operations share devices and race on them.
public enum ScaleFamily {
    /// One member of the family, ready to explore.
    public struct Case: Sendable {
        /// N and K.
        public var devices: Int
        public var operations: Int
        /// The run of the K operations and its initial world, setup applied.
        public var run: Run
        public var world: World
        /// The operation lines, for people.
        public var lines: [String]
    }

    /// Which operations a case takes, in order (repeating).
    public enum Mix: Sendable {
        /// DMA-API bind, DMA-API bind, vfio-pci bind, claim, unbind, unbind, DMA-API bind.
        case mixed
        /// DMA-API bind, DMA-API bind, unbind, unbind, then DMA-API binds: no VFIO driver and no
        /// claim, so none of VFIO's or iommufd's front-end steps run. The rows the VFIO front end
        /// (issue 10) must not slow down, compared with the code before it on the same scenarios.
        case dmaOnly
    }

    /// The case with `devices` devices and `operations` concurrent operations under `scheme`.
    public static func make(devices n: Int, operations k: Int, scheme: SchemeID = .merged, mix: Mix = .mixed) -> Case {
        let names = (0..<n).map { "0000:03:00.\($0)" }
        let topo = Topology.make(
            groups: [(12, names)],
            drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false)],
            owners: ["qemu"])
        let vfio = 0, e1000e = 1
        var ops: [Operation] = []
        var nextBind = 0, nextUnbind = 0
        var unbound: [Int] = []
        let pattern = mix == .mixed ? ["dma", "dma", "vfio", "claim", "unbind", "unbind", "dma"] : ["dma", "dma", "unbind", "unbind", "dma", "dma", "dma"]
        for i in 0..<k {
            switch pattern[i % pattern.count] {
            case "dma":
                let d = n == 1 ? 0 : 1 + nextBind % (n - 1)
                nextBind += 1
                ops.append(.bind(device: d, driver: e1000e))
            case "vfio":
                ops.append(.bind(device: 0, driver: vfio))
            case "claim":
                ops.append(.claim(group: 0, owner: 0))
            default:
                let d = n - 1 - nextUnbind % n
                nextUnbind += 1
                if !unbound.contains(d) { unbound.append(d) }
                ops.append(.unbind(device: d))
            }
        }
        let s = Schemes.scheme(scheme)
        let setup = unbound.map { Operation.bind(device: $0, driver: e1000e) }
        let w0 = (try? Run.runSequentially(setup, topology: topo, scheme: s, from: World(topology: topo)).get()) ?? World(topology: topo)
        let run = Run(topology: topo, scheme: s, operations: ops)
        return Case(devices: n, operations: k, run: run, world: run.start(from: w0), lines: ops.map(topo.describe))
    }
}
