import Foundation
import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// `dmaown check` output as pure functions: the JSON parses and carries every documented field.
@Suite struct CheckReportTests {
    static func report(_ scheme: SchemeID, options: ExplorationOptions = .init(), expect: Scenario.Expectation? = nil,
                       writtenFor: SchemeID? = nil) -> CheckReport {
        let (run, w0) = Fixture.start(scheme, setup: ["bind 01:00.0 vfio-pci"], threads: ["bind 01:00.1 e1000e", "claim 7 qemu"])
        let e = Explorer(run: run, world: w0, options: options).explore()
        return CheckReport(title: "S5", scheme: scheme, run: run, world: w0, exploration: e, expectation: expect,
                           expectedScheme: writtenFor, options: options)
    }

    static func parse(_ r: CheckReport) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.json.rendered.utf8)) as? [String: Any])
    }

    @Test(arguments: [SchemeID.notifier, .merged])
    func jsonHasEveryContractField(scheme: SchemeID) throws {
        let r = Self.report(scheme)
        let o = try Self.parse(r)
        for key in ["scenario", "scheme", "complete", "states", "transitions", "seconds", "violations", "outcomes"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["scheme"] as? String == scheme.rawValue)
        #expect(o["complete"] as? Bool == true)
        let outcomes = try #require(o["outcomes"] as? [[String: Any]])
        #expect(outcomes.count == r.exploration.outcomes.count)
        #expect(!outcomes.isEmpty, "the loop below checks something")
        for outcome in outcomes {
            let results = try #require(outcome["results"] as? [String: String])
            #expect(Set(results.keys) == ["bind 0000:01:00.1 e1000e", "claim 7 qemu"])
            #expect((outcome["schedules"] as? Int ?? 0) > 0)
        }
        let violations = try #require(o["violations"] as? [[String: Any]])
        #expect(violations.count == r.exploration.violations.count)
        // The notifier's race breaks invariants, so its traces are checked below; merged's breaks none.
        #expect(violations.isEmpty == (scheme == .merged), "\(violations.count) violations")
        for v in violations {
            #expect(Invariant(rawValue: v["invariant"] as? String ?? "") != nil)
            #expect(!(v["message"] as? String ?? "").isEmpty)
            let trace = try #require(v["trace"] as? [[String: Any]])
            #expect(!trace.isEmpty)
            for entry in trace {
                #expect((entry["thread"] as? Int).map { (1...2).contains($0) } == true)
                #expect(entry["op"] is String)
                #expect((entry["step"] as? String)?.contains(": ") == true)
            }
        }
    }

    @Test func notifierRaceIsBrokenAndExitsOne() throws {
        let r = Self.report(.notifier)
        #expect(r.exitStatus == 1)
        #expect(r.human.hasPrefix("BROKEN"))
        #expect(Self.report(.merged).exitStatus == 0)
        #expect(Self.report(.merged).human.hasPrefix("OK"))
    }

    @Test func partialResultsSaySoInJSONAndWords() throws {
        let r = Self.report(.merged, options: .init(maxStates: 3))
        #expect(try Self.parse(r)["complete"] as? Bool == false)
        #expect(r.human.contains("partial"))
        #expect(r.partialNote?.contains("--max-states 3") == true)
        #expect(Self.report(.merged).partialNote == nil)
    }

    @Test func expectationIsCompared() throws {
        let good = Self.report(.merged, expect: .init(invariants: [], outcomes: 2))
        let bad = Self.report(.merged, expect: .init(invariants: [.isolation], outcomes: nil))
        #expect(good.matchesExpectation == true)
        #expect(bad.matchesExpectation == false)
        let ex = try #require(try Self.parse(bad)["expect"] as? [String: Any])
        #expect(ex["matches"] as? Bool == false)
        #expect(bad.human.contains("Does NOT match"))
    }

    @Test func jsonEscapesStrings() throws {
        let text = JSONText.object([("a\"b", .string("line\nnext\t\u{1}"))]).rendered
        let o = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(o["a\"b"] == "line\nnext\t\u{1}")
    }

    /// `[expect]` describes the file's own scheme; under `--scheme` it is reported, not judged.
    @Test func expectationForAnotherSchemeIsNotJudged() throws {
        let r = Self.report(.notifier, expect: .init(invariants: [], outcomes: 2), writtenFor: .merged)
        #expect(r.expectationIsForAnotherScheme)
        let ex = try #require(try Self.parse(r)["expect"] as? [String: Any])
        #expect(ex["judged"] as? Bool == false)
        #expect(ex["scheme"] as? String == "merged")
        #expect(r.human.contains("[expect] was written for the merged scheme, so it is not compared under notifier."))
        #expect(!r.human.contains("Does NOT match"))
        let own = Self.report(.merged, expect: .init(invariants: [], outcomes: 2), writtenFor: .merged)
        #expect(own.human.contains("Matches [expect]: invariants [], 2 outcomes."))
    }

    /// Counts that a bound left uncounted are null in JSON and "?" in the table, never a made-up number.
    @Test func uncountedSchedulesAreNullAndQuestionMarks() throws {
        let full = Self.report(.merged)
        let r = Self.report(.merged, options: .init(maxStates: full.exploration.states + 1))
        #expect(r.exploration.complete && !r.exploration.schedulesCounted)
        let o = try Self.parse(r)
        #expect(o["schedules_counted"] as? Bool == false)
        let outcomes = try #require(o["outcomes"] as? [[String: Any]])
        #expect(outcomes.count == 2)
        #expect(outcomes.allSatisfy { $0["schedules"] is NSNull })
        #expect(r.human.contains("schedules not counted"))
        #expect(try Self.parse(full)["schedules_counted"] as? Bool == true)
    }

    /// One interleaving is singular, and a fast search reads in milliseconds, never "0.0 s".
    @Test func wordsForSmallNumbers() {
        let (run, w0) = Fixture.start(.merged, setup: [], threads: ["bind 01:00.1 e1000e"])
        let e = Explorer(run: run, world: w0).explore()
        let r = CheckReport(title: "one", scheme: .merged, run: run, world: w0, exploration: e)
        #expect(r.human.contains("1 outcome over 1 complete interleaving:"))
        #expect(!r.human.contains(" 0.0 s"))
    }
}
