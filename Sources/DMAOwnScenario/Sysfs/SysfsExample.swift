import DMAOwnEngine

extension SysfsImporter {
    /// Example threads for an imported machine, written as a comment: the race a reviewer most
    /// often asks about (scenarios s5 and s6), on a real group of this machine.
    ///
    /// A group with a kernel DMA-API driver bound: unbind it while a VM claims the group. Else a
    /// group with an unbound device: bind it to vfio-pci while the VM claims. Else just the claim.
    public static func exampleThreads(for scenario: Scenario) -> [String] {
        let topo = scenario.topology
        var bound: [Int: Int] = [:]
        for case .bind(let d, let drv) in scenario.setup { bound[d] = drv }
        let claim = { (g: Int) in "claim \(topo.groups[g].id) \(owner)" }
        for (g, group) in topo.groups.enumerated() {
            if let d = group.devices.first(where: { bound[$0].map { !topo.drivers[$0].managedDMA } ?? false }) {
                return [topo.describe(.unbind(device: d)), claim(g)]
            }
        }
        if let vfio = topo.driverIndex(named: "vfio-pci") {
            for (g, group) in topo.groups.enumerated() {
                if let d = group.devices.first(where: { bound[$0] == nil }) {
                    return [topo.describe(.bind(device: d, driver: vfio)), claim(g)]
                }
            }
        }
        return topo.groups.isEmpty ? [] : [claim(0)]
    }
}
