import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// The bench family is what the README says it is, and its members explore completely.
@Suite struct ScaleFamilyTests {
    @Test func headlineIsTheIssuesMix() {
        let c = ScaleFamily.make(devices: 4, operations: 6)
        let ops = c.run.operations
        let dmaBinds = ops.filter { if case .bind(_, let d) = $0 { return !c.run.topology.drivers[d].managedDMA } else { return false } }
        let vfioBinds = ops.filter { if case .bind(_, let d) = $0 { return c.run.topology.drivers[d].managedDMA } else { return false } }
        #expect(c.run.topology.groups.count == 1 && c.run.topology.devices.count == 4)
        #expect(dmaBinds.count == 2)
        #expect(vfioBinds.count == 1)
        #expect(ops.filter { if case .claim = $0 { return true } else { return false } }.count == 1)
        #expect(ops.filter { if case .unbind = $0 { return true } else { return false } }.count == 2)
    }

    @Test(arguments: [(2, 3), (3, 4)])
    func smallMembersExploreCompletelyWithFewerStatesUnderReduction(n: Int, k: Int) {
        let c = ScaleFamily.make(devices: n, operations: k)
        #expect(c.run.operations.count == k)
        let full = Explorer(run: c.run, world: c.world, options: .init(partialOrderReduction: false, splitClusters: false)).explore()
        let reduced = Explorer(run: c.run, world: c.world, options: .init(countSchedules: false, splitClusters: false)).explore()
        #expect(full.complete && reduced.complete)
        #expect(reduced.states < full.states)
        #expect(full.broken == reduced.broken)
    }
}
