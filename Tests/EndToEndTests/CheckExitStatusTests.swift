import DMAOwnBench
import DMAOwnTestSupport
import Foundation
import Testing

extension Scratch {
    /// `text` as a scenario file of its own in this folder.
    func scenarioFile(_ text: String) throws -> String { try file("scenario-\(UUID().uuidString).toml", text) }
}

/// `dmaown check` and `replay` exit statuses: 0 nothing broken, 1 broken, 2 bad input
/// with a one-line message on stderr.
@Suite struct CheckExitStatusTests {
    static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = Binary.run(args)
        return (r.status, r.stdout, r.stderr)
    }


    static let s5 = """
        title = "S5"
        scheme = "merged"
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci"]
        threads = ["bind 0000:01:00.1 e1000e", "claim 7 qemu"]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]
        """

    @Test func verdictsSetTheExitStatus() throws {
        let scratch = try Scratch("check")
        let path = try scratch.scenarioFile(Self.s5)
        #expect(try Self.run(["check", path]).status == 0)
        let broken = try Self.run(["check", path, "--scheme", "notifier", "--json"])
        #expect(broken.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(broken.out.utf8)) as? [String: Any])
        #expect(json["scheme"] as? String == "notifier")
    }

    @Test(arguments: [
        ["check", "/nonexistent/scenario.toml"],
        ["check", "BAD", "--scheme", "nonsense"],
        ["check", "BAD", "--max-states", "lots"],
        ["check", "UNKNOWN-KEY"],
        ["replay", "/nonexistent/trace.json"],
        ["check", "BAD", "--bogus"],
        ["check"],
        ["replay"],
        ["check", "--bogus", "BAD"],
        ["export", "BAD"],
    ])
    func badInputExitsTwoWithOneLine(args: [String]) throws {
        let scratch = try Scratch("check")
        let good = try scratch.scenarioFile(Self.s5)
        let bad = try scratch.scenarioFile(Self.s5 + "\nfrobnicate = 1\n")
        let resolved = args.map { $0 == "BAD" ? good : $0 == "UNKNOWN-KEY" ? bad : $0 }
        let r = try Self.run(resolved)
        #expect(r.status == 2)
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(r.out.isEmpty)
    }

    static func json(_ out: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], "not JSON: \(out)")
    }

    /// The binary's own `--json` output carries every documented field.
    @Test func jsonFromTheBinaryHasEveryContractField() throws {
        let r = try Self.run(["check", "s1-vfio-owns-sibling-binds", "--scheme", "notifier", "--json"])
        #expect(r.status == 1)
        let o = try Self.json(r.out)
        for key in ["scenario", "scheme", "complete", "states", "transitions", "seconds", "violations", "outcomes"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        let violations = try #require(o["violations"] as? [[String: Any]])
        #expect(Set(violations.compactMap { $0["invariant"] as? String }) == ["isolation", "bug-on"])
        let outcome = try #require((o["outcomes"] as? [[String: Any]])?.first)
        #expect(outcome["results"] is [String: String])
        #expect((outcome["schedules"] as? Int ?? 0) > 0)
    }

    /// Bounds make the binary say the result is partial, in JSON and in words.
    @Test(arguments: [["--max-states", "5"], ["--max-depth", "3"]])
    func boundsMakeTheResultPartial(bound: [String]) throws {
        let json = try Self.run(["check", "s5-bind-vs-claim", "--json"] + bound)
        #expect(json.status == 0)
        #expect(try Self.json(json.out)["complete"] as? Bool == false)
        let text = try Self.run(["check", "s5-bind-vs-claim"] + bound)
        #expect(text.out.contains("The result is partial: the search stopped at \(bound.joined(separator: " "))"), "\(text.out)")
    }

    /// `--random N --seed S` samples, says so, and the same seed gives the same report.
    @Test func randomWalksAreReproducibleAndPartial() throws {
        let a = try Self.run(["check", "notifier-bug-on", "--random", "40", "--seed", "7", "--json"])
        let b = try Self.run(["check", "notifier-bug-on", "--random", "40", "--seed", "7", "--json"])
        #expect(a.status == 1)
        let o = try Self.json(a.out), p = try Self.json(b.out)
        #expect(o["complete"] as? Bool == false)
        #expect((o["random"] as? [String: Any])?["seed"] as? Int == 7)
        #expect(o["partial_order_reduction"] as? Bool == false)
        #expect((o["outcomes"] as? [[String: Any]])?.count == (p["outcomes"] as? [[String: Any]])?.count)
        #expect(((o["violations"] as? [[String: Any]]) ?? []).map { $0["invariant"] as? String } == ((p["violations"] as? [[String: Any]]) ?? []).map { $0["invariant"] as? String })
        let text = try Self.run(["check", "notifier-bug-on", "--random", "40", "--seed", "7"])
        #expect(text.out.contains("40 random schedules (seed 7)"))
    }

    /// Options that cannot go together, and a scenario too big to exhaust, are input errors.
    @Test func unusableRequestsExitTwo() throws {
        let scratch = try Scratch("check")
        for args in [["--random", "5", "--max-states", "3"], ["--random", "5", "--no-por"], ["--random", "5", "--no-symmetry"]] {
            let r = try Self.run(["check", "s5-bind-vs-claim"] + args)
            #expect(r.status == 2)
            #expect(r.err.contains("--random N walks whole schedules"), "\(r.err)")
        }
        let devices = (0..<33).map { String(format: "0000:%02x:00.0", $0) }
        let many = try scratch.scenarioFile("""
            scheme = "merged"
            threads = [\(devices.map { "\"bind \($0) e1000e\"" }.joined(separator: ", "))]
            [drivers]
            e1000e = { managed_dma = false }
            [groups]
            1 = [\(devices.map { "\"\($0)\"" }.joined(separator: ", "))]
            """)
        // One group, so the 33 threads are one cluster: independent groups may have any number.
        let r = try Self.run(["check", many])
        #expect(r.status == 2)
        #expect(r.err.contains("\(many):2: 33 threads work on the same devices or groups (group 1); the exhaustive explorer handles at most 32"), "\(r.err)")
        #expect(r.out.isEmpty)
        #expect(try Self.run(["check", many, "--random", "3"]).status == 0)
    }

    /// `replay`: 1 when the trace breaks an invariant, 0 when not, 2 naming the trace file when it does not fit.
    @Test func replayExitStatuses() throws {
        let scratch = try Scratch("replay")
        let broken = scratch.path("bug.json"), fine = scratch.path("s5.json")
        #expect(try Self.run(["export", "notifier-bug-on", "--format", "json", "-o", broken]).status == 0)
        #expect(try Self.run(["export", "s5-bind-vs-claim", "--format", "json", "-o", fine]).status == 0)
        let r1 = try Self.run(["replay", broken])
        #expect(r1.status == 1)
        #expect(r1.out.contains("BROKEN isolation"))
        #expect(try Self.run(["replay", fine]).status == 0)

        var trace = try Self.json(try String(contentsOfFile: fine, encoding: .utf8))
        var steps = try #require(trace["steps"] as? [[String: Any]])
        steps[0]["thread"] = 9
        trace["steps"] = steps
        let misfit = try scratch.file("misfit.json", bytes: JSONSerialization.data(withJSONObject: trace))
        let r2 = try Self.run(["replay", misfit])
        #expect(r2.status == 2)
        #expect(r2.err == "dmaown replay: \(misfit): steps[0]: thread 9 does not exist (the trace has threads 1 to 2)\n")
    }
}

extension CheckExitStatusTests {
    /// Issue 11's built-in scenarios: each is BROKEN (exit 1) with a shortest schedule per broken
    /// invariant; lock-order and deadlock each have one that breaks them.
    @Test(arguments: [
        // Each shortest trace has one unbind, whose unlocked unbind_store check is a step of its own.
        ("robin-failed-probe", ["stale-owner": 18]),
        ("robin-locked-deadlock", ["deadlock": 9, "lock-order": 6]),
        ("test-remove-leak", ["stale-owner": 18]),
    ])
    func newScenariosBreakWithAShortestTrace(_ name: String, _ lengths: [String: Int]) throws {
        let r = try Self.run(["check", name, "--json"])
        #expect(r.status == 1, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let violations = try #require(json["violations"] as? [[String: Any]])
        var found: [String: Int] = [:]
        for v in violations { found[v["invariant"] as? String ?? "?"] = (v["trace"] as? [Any])?.count }
        #expect(found == lengths)
        #expect((json["expect"] as? [String: Any])?["matches"] as? Bool == true)
    }
}
