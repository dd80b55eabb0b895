import Testing
import DMAOwnEngine
@testable import DMAOwnExplorer

/// The counting budget: past it the verdict and the outcome set are still complete and the report
/// says in plain words that the schedules were not counted and how to count them.
@Suite struct CountingBudgetTests {
    static let busy = ScaleFamily.make(devices: 4, operations: 6)

    @Test func pastTheBudgetOnlyTheCountsAreLeftOut() throws {
        let full = Explorer(run: Self.busy.run, world: Self.busy.world, options: .init(countingBudget: nil)).explore()
        try #require(full.schedulesCounted && full.countingStates > 1000)
        let cut = Explorer(run: Self.busy.run, world: Self.busy.world, options: .init(countingBudget: 1000)).explore()
        #expect(cut.complete)
        #expect(!cut.schedulesCounted)
        #expect(cut.countingStop == .budget(1000))
        #expect(cut.broken == full.broken)
        #expect(Set(cut.outcomes.map(\.results)) == Set(full.outcomes.map(\.results)))
        let report = CheckReport(title: "t", scheme: .merged, run: Self.busy.run, world: Self.busy.world, exploration: cut)
        #expect(report.human.contains("schedules not counted: more than 1000 unreduced states; use --count"), "\(report.human)")
        let json = report.json.rendered
        #expect(json.contains("\"schedules_counted\": false") && json.contains("\"counting_stopped_by\": \"budget\""), "\(json)")
        #expect(json.contains("\"schedules\": null"))
    }

    /// The budget is shared by all clusters: once spent, later clusters are not counted either.
    @Test func theBudgetCoversEveryCluster() {
        let g = GroupsFamily.make(groups: 4)
        let counted = Explorer(run: g.run, world: g.world, options: .init(countingBudget: nil)).explore()
        #expect(counted.schedulesCounted && counted.clusters.count == 4)
        let perCluster = counted.clusters[0].countingStates
        let cut = Explorer(run: g.run, world: g.world, options: .init(countingBudget: perCluster * 2 + 1)).explore()
        #expect(!cut.schedulesCounted)
        #expect(cut.countingStates < counted.countingStates)
        #expect(cut.outcomeCount == counted.outcomeCount)
    }

    /// Reduction on a machine bigger than 64 devices and groups is still used: only records two
    /// threads share get a conflict bit (under merged only the group record), and beyond 64 shared
    /// records bits are shared and the report says the reduction was folded (Robin's bind may
    /// scan every member on its failure path, so all 71 records are shared).
    @Test(arguments: [(SchemeID.merged, false), (.robin, true)])
    func reductionBeyond64RecordsIsUsedAndReported(scheme: SchemeID, folded: Bool) throws {
        let names = (0..<70).map { "0000:05:\(String(format: "%02x", $0)).0" }
        let topo = Topology.make(groups: [(5, names)], drivers: [.init(name: "e1000e", managedDMA: false), .init(name: "vfio-pci", managedDMA: true)],
                                 owners: ["qemu"])
        // An in-kernel claim touches only the group record; a VFIO claim's open reads every member
        // (is one bound to a VFIO driver?), which would share the binds' device records too.
        let ops: [Operation] = [.bind(device: 0, driver: 0), .bind(device: 1, driver: 0), .bind(device: 2, driver: 0), .kclaim(group: 0, owner: 0)]
        let run = Run(topology: topo, scheme: Schemes.scheme(scheme), operations: ops)
        let world = run.start(from: World(topology: topo))
        let reduced = Explorer(run: run, world: world, options: .init(countSchedules: false)).explore()
        let full = Explorer(run: run, world: world, options: .init(partialOrderReduction: false, countSchedules: false)).explore()
        #expect(reduced.reduction == (folded ? .folded(resources: 71) : .exact(resources: 1)))
        if !folded { #expect(reduced.states < full.states) }
        #expect(reduced.broken == full.broken && Set(reduced.outcomes.map(\.results)) == Set(full.outcomes.map(\.results)))
        let report = CheckReport(title: "t", scheme: scheme, run: run, world: world, exploration: reduced)
        #expect(report.human.contains("more than its 64 conflict bits") == folded)
        #expect(report.json.rendered.contains("\"folded\": \(folded)"))
    }

    /// Explorations built without clusters (random walks, a single cluster) count their listed outcomes.
    @Test func outcomeCountWithoutClustersIsTheListsLength() {
        let walks = Explorer(run: Self.busy.run, world: Self.busy.world).randomWalks(count: 30, seed: 3)
        #expect(walks.outcomeCount == ScheduleCount(walks.outcomes.count) && walks.outcomeCount > 0)
        let whole = Explorer(run: Self.busy.run, world: Self.busy.world, options: .init(splitClusters: false)).explore()
        #expect(whole.outcomeCount == ScheduleCount(whole.outcomes.count))
        #expect(whole.totalSchedules == whole.outcomes.reduce(0) { $0 + $1.schedules })
    }
}
