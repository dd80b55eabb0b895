import Testing
import DMAOwnEngine
@testable import DMAOwnExplorer
import DMAOwnTestSupport

/// The step scopes the reduction trusts: whenever two enabled threads' next steps do not conflict,
/// taking them in either order gives the same world and neither disables the other.
@Suite struct IndependenceTests {
    @Test(arguments: SchemeID.allCases)
    func nonConflictingStepsCommute(scheme: SchemeID) {
        var gen = RandomScenarios(rng: SplitMix64(seed: 0x5C0E + UInt64(SchemeID.allCases.firstIndex(of: scheme)!)))
        var rng = SplitMix64(seed: 99)
        var checked = 0
        for _ in 0..<60 {
            let s = gen.draw(scheme: scheme)
            let fp = Footprints(run: s.run, world: s.world)
            var w = s.world
            while true {
                let enabled = (0..<s.run.operations.count).filter { s.run.choices(of: $0, in: w) > 0 }
                for a in enabled {
                    for b in enabled where b > a {
                        let pa = w[thread: a].pc, pb = w[thread: b].pc
                        guard !fp.current[a][pa].conflicts(with: fp.current[b][pb]) else { continue }
                        for fa in 0..<s.run.choices(of: a, in: w) {
                            for fb in 0..<s.run.choices(of: b, in: w) {
                                var ab = w, ba = w
                                s.run.step(&ab, thread: a, fail: fa == 1)
                                #expect(s.run.choices(of: b, in: ab) > fb, "\(s)")
                                guard s.run.choices(of: b, in: ab) > fb else { continue }
                                s.run.step(&ab, thread: b, fail: fb == 1)
                                s.run.step(&ba, thread: b, fail: fb == 1)
                                #expect(s.run.choices(of: a, in: ba) > fa, "\(s)")
                                guard s.run.choices(of: a, in: ba) > fa else { continue }
                                s.run.step(&ba, thread: a, fail: fa == 1)
                                #expect(ab == ba, "\(s)")
                                checked += 1
                            }
                        }
                    }
                }
                guard !enabled.isEmpty else { break }
                let t = enabled[Int(rng.next() % UInt64(enabled.count))]
                s.run.step(&w, thread: t, fail: s.run.choices(of: t, in: w) == 2 && rng.next() % 2 == 0)
            }
        }
        #expect(checked > 0)
    }
}
