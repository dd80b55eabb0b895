import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnTestSupport

/// Small scenarios drawn from a seeded generator: one or two groups of up to three devices, a
/// setup that succeeds, and two or three concurrent operations of every kind (VFIO group claims,
/// iommufd device claims and in-kernel claims included).
struct RandomScenarios {
    var rng: SplitMix64

    struct Drawn: CustomStringConvertible {
        var scheme: SchemeID
        var topology: Topology
        var run: Run
        var world: World
        var description: String
    }

    mutating func draw(scheme: SchemeID, kernel: KernelConfig = .init()) -> Drawn {
        while true {
            let groups = Int(rng.next() % 2) + 1
            var spec: [(id: Int, devices: [String])] = []
            var n = 0
            for g in 0..<groups {
                let size = Int(rng.next() % 2) + (groups == 1 ? 2 : 1) + (g == 0 ? Int(rng.next() % 2) : 0)
                spec.append((g + 1, (0..<size).map { _ in n += 1; return "0000:00:0\(n).0" }))
            }
            let topo = Topology.make(groups: spec, bridges: rng.next() % 4 == 0 ? ["0000:00:01.0"] : [],
                                     drivers: Fixture.drivers, owners: ["qemu", "ctx2"], kernel: kernel)
            let lines = (0..<Int(rng.next() % 3)).map { _ in randomOp(topo, setup: true) }
            let threads = (0..<Int(rng.next() % 2) + 2).map { _ in randomOp(topo, setup: false) }
            let s = Schemes.scheme(scheme)
            let ops = lines.map { Fixture.op($0, topo) }
            guard case .success(let w0) = Run.runSequentially(ops, topology: topo, scheme: s, from: World(topology: topo)) else { continue }
            let run = Run(topology: topo, scheme: s, operations: threads.map { Fixture.op($0, topo) })
            return Drawn(scheme: scheme, topology: topo, run: run, world: run.start(from: w0),
                         description: "\(scheme.rawValue) groups \(spec.map(\.devices)) setup \(lines) threads \(threads)")
        }
    }

    private mutating func randomOp(_ topo: Topology, setup: Bool) -> String {
        let dev = topo.devices[Int(rng.next() % UInt64(topo.devices.count))].name
        let group = topo.groups[Int(rng.next() % UInt64(topo.groups.count))].id
        let owner = ["qemu", "ctx2"][Int(rng.next() % 2)]
        let drivers = setup ? ["vfio-pci", "e1000e", "pci-stub"] : ["vfio-pci", "e1000e", "pci-stub", "pcieport", "flaky"]
        let driver = drivers[Int(rng.next() % UInt64(drivers.count))]
        // Every kind, VFIO's and iommufd's front ends included: setup may hold a group through VFIO,
        // a device through iommufd or a group through an in-kernel claim (a setup that fails is drawn again).
        if setup {
            switch rng.next() % 5 {
            case 0, 2: return "bind \(dev) \(driver)"
            case 1: return "claim \(group) \(owner)"
            case 3: return "dclaim \(dev) \(owner)"
            default: return "kclaim \(group) \(owner)"
            }
        }
        switch rng.next() % 8 {
        case 0: return "bind \(dev) \(driver)"
        case 1: return "claim \(group) \(owner)"
        case 2: return "unbind \(dev)"
        case 3: return "release \(group) \(owner)"
        case 4: return "dclaim \(dev) \(owner)"
        case 5: return "drelease \(dev) \(owner)"
        case 6: return "kclaim \(group) \(owner)"
        default: return "krelease \(group) \(owner)"
        }
    }
}

