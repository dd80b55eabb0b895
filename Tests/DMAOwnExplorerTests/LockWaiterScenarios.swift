import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnTestSupport

/// Scenarios aimed at what persistent sets get wrong most easily: threads waiting on a lock and
/// failure branches. Several threads work on one device or one group (so they wait for each
/// other's `device_lock` and `group->mutex`), and binds often use the `flaky` driver, whose
/// `pinctrl` and `probe` may fail.
struct LockWaiterScenarios {
    var rng: SplitMix64

    mutating func draw(scheme: SchemeID) -> RandomScenarios.Drawn {
        while true {
            let two = rng.next() % 3 == 0
            var spec: [(id: Int, devices: [String])] = [(1, ["0000:00:01.0", "0000:00:02.0", "0000:00:03.0"].prefix(Int(rng.next() % 2) + 2).map { $0 })]
            if two { spec.append((2, ["0000:00:04.0"])) }
            let topo = Topology.make(groups: spec, drivers: Fixture.drivers, owners: ["qemu", "ctx2"])
            let devices = topo.devices.map(\.name)
            // A hot device and a hot group most threads aim at.
            let hot = devices[Int(rng.next() % UInt64(devices.count))]
            // Mostly a VFIO device in group 1 first: without one /dev/vfio/1 does not exist and
            // every claim fails at VFIO's open, before any lock (DOMAIN §3.1).
            let vfio = rng.next() % 4 != 0 ? ["bind \(spec[0].devices.last!) vfio-pci"] : []
            let setup = vfio + (0..<Int(rng.next() % 3)).map { _ in
                "bind \(pick(devices)) \(["vfio-pci", "e1000e", "pci-stub"][Int(rng.next() % 3)])"
            }
            let threads = (0..<Int(rng.next() % 2) + 3).map { _ -> String in
                let dev = rng.next() % 4 == 0 ? pick(devices) : hot
                let group = spec.first { $0.devices.contains(dev) }!.id
                let owner = ["qemu", "ctx2"][Int(rng.next() % 2)]
                switch rng.next() % 8 {
                case 0, 1, 2: return "bind \(dev) \(rng.next() % 2 == 0 ? "flaky" : ["vfio-pci", "e1000e", "pci-stub"][Int(rng.next() % 3)])"
                case 3, 4: return "unbind \(dev)"
                case 5: return "claim \(group) \(owner)"
                case 6: return "release \(group) \(owner)"
                default: return rng.next() % 2 == 0 ? "dclaim \(dev) \(owner)" : "drelease \(dev) \(owner)"
                }
            }
            let s = Schemes.scheme(scheme)
            guard case .success(let w0) = Run.runSequentially(setup.map { Fixture.op($0, topo) }, topology: topo, scheme: s,
                                                              from: World(topology: topo)) else { continue }
            let run = Run(topology: topo, scheme: s, operations: threads.map { Fixture.op($0, topo) })
            return RandomScenarios.Drawn(scheme: scheme, topology: topo, run: run, world: run.start(from: w0),
                                         description: "\(scheme.rawValue) groups \(spec.map(\.devices)) setup \(setup) threads \(threads)")
        }
    }

    private mutating func pick(_ xs: [String]) -> String { xs[Int(rng.next() % UInt64(xs.count))] }
}
