import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// Reduction soundness on every scenario shipped with dmaown, under every scheme its setup works in.
@Suite struct BuiltinScenarioReductionTests {
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func sameVerdictsAndOutcomeSets(name: String) throws {
        let scenario = try BuiltinScenarios.load(name)
        var compared: [SchemeID] = []
        for scheme in SchemeID.allCases {
            guard case .success(let (run, world)) = scenario.prepare(scheme: scheme) else { continue }
            let bound = ExplorationOptions(maxStates: 200_000, partialOrderReduction: false)
            let full = Explorer(run: run, world: world, options: bound).explore()
            guard full.complete else { continue }
            compared.append(scheme)
            let reduced = Explorer(run: run, world: world, options: .init(partialOrderReduction: true, countSchedules: false)).explore()
            #expect(full.broken == reduced.broken, "\(name) under \(scheme)")
            #expect(Set(full.outcomes.map(\.results)) == Set(reduced.outcomes.map(\.results)), "\(name) under \(scheme)")
        }
        // The guards above may skip a scheme (a setup it refuses, a space too large), never all of
        // them, and never the scenario's own.
        #expect(compared.contains(scenario.scheme), "\(name) was compared only under \(compared)")
    }

    /// Each built-in scenario's own `[expect]` holds under its own scheme.
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func expectationsHold(name: String) throws {
        let scenario = try BuiltinScenarios.load(name)
        let expect = try #require(scenario.expect, "every built-in scenario says what check must find")
        let (run, world) = try scenario.prepare().get()
        let e = Explorer(run: run, world: world, options: .init(maxStates: 2_000_000)).explore()
        try #require(e.complete, "\(name) is not explored completely, so its [expect] cannot be judged")
        #expect(e.broken == expect.invariants, "\(name)")
        if let n = expect.outcomes { #expect(e.outcomes.count == n, "\(name)") }
    }
}
