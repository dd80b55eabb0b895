import Testing
import DMAOwnEngine
import DMAOwnTestSupport

/// Every step that can go more than one way says which way it went and why, in every scheme.
///
/// The step catalogue is closures, so which steps branch is found by running them: seeded random
/// schedules over the random-schedule topology (every operation kind, `may_fail` drivers, two owners)
/// record, per step definition, each distinct way it went. A step seen going two ways must carry an
/// `explain`, and its explanations must tell those ways apart; so a new branching step without an
/// explanation fails here, whichever scheme it is in.
@Suite struct StepDecisionTests {
    /// One way a step went: finished or not, the jump it made, whether it set the result, the flags it raised.
    struct Branch: Hashable {
        let done: Bool
        /// `next`, or the label jumped to (a label, not a distance: one step definition sits at
        /// different places in programs of different shapes).
        let jump: String
        let result: Errno
        let flags: UInt8
    }

    /// A step definition, named by what it shows a person.
    struct StepKey: Hashable, CustomStringConvertible {
        let function: String, code: String, note: String
        var description: String { "\(function): \(code)" }
    }

    /// Per step definition: each branch seen with the explanations it got.
    static func branches(_ scheme: SchemeID, seeds: Range<UInt64>) -> [StepKey: [Branch: Set<String>]] {
        var seen: [StepKey: [Branch: Set<String>]] = [:]
        var missing: Set<StepKey> = []
        for seed in seeds {
            var rng = SplitMix64(seed: seed &* 7919 &+ 17)
            let ops = (0..<Int.random(in: 2...4, using: &rng)).map { _ in RandomSchedules.randomOperation(scheme, &rng) }
            let run = Run(topology: RandomSchedules.topology, scheme: Schemes.scheme(scheme), operations: ops)
            var w = run.start(from: World(topology: RandomSchedules.topology))
            for _ in 0..<400 {
                let ready = ops.indices.filter { run.choices(of: $0, in: w) > 0 }
                guard let t = ready.randomElement(using: &rng) else { break }
                let fail = run.choices(of: t, in: w) == 2 && Bool.random(using: &rng)
                guard let step = run.currentStep(of: t, in: w) else { break }
                let before = w
                let decision = run.stepExplained(&w, thread: t, fail: fail)
                let b = before[thread: t], a = w[thread: t]
                let jump = a.done ? "" : a.pc == b.pc + 1 ? "next" : run.programs[t].steps[a.pc].label.map { "\($0)" } ?? "step \(a.pc)"
                let branch = Branch(done: a.done, jump: jump,
                                    result: a.result == b.result ? .ok : a.result, flags: w.flags.rawValue & ~before.flags.rawValue)
                let key = StepKey(function: step.function, code: step.code, note: step.note)
                seen[key, default: [:]][branch, default: []].formUnion(decision.map { [$0] } ?? [])
                if step.explain == nil { missing.insert(key) }
            }
        }
        return seen
    }

    @Test(arguments: SchemeID.allCases) func everyBranchingStepExplainsItself(_ scheme: SchemeID) {
        let seen = Self.branches(scheme, seeds: 0..<1500)
        #expect(seen.values.contains { $0.count > 1 }, "\(scheme): the random schedules found no branching step at all")
        for (key, ways) in seen where ways.count > 1 {
            let explained = ways.values.allSatisfy { !$0.isEmpty }
            #expect(explained, "\(scheme): \(key) goes \(ways.count) ways but has no explanation")
            guard explained else { continue }
            for texts in ways.values {
                for text in texts { #expect(text.contains("→"), "\(scheme): \(key): '\(text)' does not say where it went") }
            }
            // Two ways the step went never read the same: the explanation says which one happened.
            let all = ways.values.map { $0 }
            for i in all.indices { for j in all.indices where i < j {
                #expect(all[i].isDisjoint(with: all[j]), "\(scheme): \(key): two branches explained alike: \(all[i].intersection(all[j]))")
            } }
        }
    }

    /// The decision names the values read: in the S5 race, the bind that loses reads the claim's count.
    @Test func aRefusedBindNamesTheCountAndTheOwner() throws {
        let topology = Topology.make(groups: [(7, ["0000:01:00.0", "0000:01:00.1"])],
                                     drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false)],
                                     owners: ["qemu"])
        let run = Run(topology: topology, scheme: Schemes.scheme(.merged), operations: [.claim(group: 0, owner: 0), .bind(device: 1, driver: 1)])
        // /dev/vfio/7 exists only with a device of the group on a VFIO driver (DOMAIN §3.1).
        let bound = try Run.runSequentially([.bind(device: 0, driver: 0)], topology: topology, scheme: Schemes.scheme(.merged),
                                            from: World(topology: topology)).get()
        var w = run.start(from: bound)
        for _ in 0..<5 { run.step(&w, thread: 0) }  // VFIO's open, then the claim's four steps
        #expect(w[thread: 0].done && w[thread: 0].result == .ok)
        var last: String?
        while !w[thread: 1].done && w[thread: 1].result == .ok {
            last = run.stepExplained(&w, thread: 1)
        }
        let text = try #require(last)
        #expect(text.contains("owner_cnt 1 (qemu's claim)"), "\(text)")
        #expect(text.contains("owner qemu"), "\(text)")
        #expect(text.hasSuffix("→ -EBUSY (unwinding)"), "\(text)")
    }
}
