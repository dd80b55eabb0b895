import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnTestSupport

/// Partial-order reduction must not change what is found: the same invariants broken and the same
/// set of end results, with and without it, on hundreds of random small scenarios.
@Suite struct ReductionSoundnessTests {
    @Test(arguments: SchemeID.allCases)
    func sameVerdictsAndOutcomeSets(scheme: SchemeID) {
        var gen = RandomScenarios(rng: SplitMix64(seed: 0xD3A0_0000 + UInt64(SchemeID.allCases.firstIndex(of: scheme)!)))
        var reducedSomewhere = false
        for _ in 0..<80 {
            let s = gen.draw(scheme: scheme)
            let full = Explorer(run: s.run, world: s.world, options: .init(partialOrderReduction: false)).explore()
            // Outcomes of the reduced pass itself (no separate counting pass), so its terminal states are compared.
            let reduced = Explorer(run: s.run, world: s.world, options: .init(partialOrderReduction: true, countSchedules: false)).explore()
            #expect(full.broken == reduced.broken, "\(s)")
            #expect(Set(full.outcomes.map(\.results)) == Set(reduced.outcomes.map(\.results)), "\(s)")
            #expect(reduced.states <= full.states, "\(s)")
            if reduced.states < full.states { reducedSomewhere = true }
        }
        #expect(reducedSomewhere)
    }

    /// The same with CONFIG_DEBUG_TEST_DRIVER_REMOVE, whose second probe attempt makes the longest
    /// bind programs: both test_remove paths, under every scheme.
    @Test(arguments: [TestRemove.v5_19, .v6_6])
    func sameVerdictsWithTestRemove(path: TestRemove) {
        var gen = RandomScenarios(rng: SplitMix64(seed: 0x7E57_0000 + UInt64(path == .v6_6 ? 1 : 0)))
        for scheme in SchemeID.allCases {
            for _ in 0..<15 {
                let s = gen.draw(scheme: scheme, kernel: KernelConfig(testRemove: path))
                let full = Explorer(run: s.run, world: s.world, options: .init(partialOrderReduction: false)).explore()
                let reduced = Explorer(run: s.run, world: s.world, options: .init(partialOrderReduction: true, countSchedules: false)).explore()
                #expect(full.broken == reduced.broken, "\(s)")
                #expect(Set(full.outcomes.map(\.results)) == Set(reduced.outcomes.map(\.results)), "\(s)")
            }
        }
    }

    /// The counting pass behind a reduced verdict gives the same counts as the single unreduced pass.
    @Test func countsAgreeWithAndWithoutReduction() {
        var gen = RandomScenarios(rng: SplitMix64(seed: 42))
        for scheme in SchemeID.allCases {
            for _ in 0..<10 {
                let s = gen.draw(scheme: scheme)
                let full = Explorer(run: s.run, world: s.world, options: .init(partialOrderReduction: false)).explore()
                let reduced = Explorer(run: s.run, world: s.world, options: .init(partialOrderReduction: true)).explore()
                #expect(full.outcomes == reduced.outcomes, "\(s)")
            }
        }
    }
}
