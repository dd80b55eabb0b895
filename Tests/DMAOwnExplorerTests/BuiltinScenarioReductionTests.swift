import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// Reduction soundness on every scenario shipped with dmaown, under every scheme its setup works in.
@Suite struct BuiltinScenarioReductionTests {
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func sameVerdictsAndOutcomeSets(name: String) throws {
        let scenario = try BuiltinScenarios.load(name)
        for scheme in SchemeID.allCases {
            guard case .success(let (run, world)) = scenario.prepare(scheme: scheme) else { continue }
            let bound = ExplorationOptions(maxStates: 200_000, partialOrderReduction: false)
            let full = Explorer(run: run, world: world, options: bound).explore()
            guard full.complete else { continue }
            let reduced = Explorer(run: run, world: world, options: .init(partialOrderReduction: true, countSchedules: false)).explore()
            #expect(full.broken == reduced.broken, "\(name) under \(scheme)")
            #expect(Set(full.outcomes.map(\.results)) == Set(reduced.outcomes.map(\.results)), "\(name) under \(scheme)")
        }
    }

    /// Each built-in scenario's own `[expect]` holds under its own scheme.
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func expectationsHold(name: String) throws {
        let scenario = try BuiltinScenarios.load(name)
        guard let expect = scenario.expect else { return }
        let (run, world) = try scenario.prepare().get()
        let e = Explorer(run: run, world: world, options: .init(maxStates: 2_000_000)).explore()
        guard e.complete else { return }
        #expect(e.broken == expect.invariants, "\(name)")
        if let n = expect.outcomes { #expect(e.outcomes.count == n, "\(name)") }
    }
}
