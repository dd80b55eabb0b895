import DMAOwnTestSupport
import Foundation
import Testing

/// `dmaown compare` as a user runs it: its JSON agrees with `dmaown check --scheme S --json` for
/// every scheme, the exit status follows `check`'s, bad input is one line and status 2, and
/// `check --scheme all` points to `compare`.
@Suite struct CompareCommandTests {
    static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) { try CheckExitStatusTests.run(args) }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not one JSON object: \(text)")
    }

    @Test(arguments: ["robin-stale-owner", "s5-bind-vs-claim"])
    func jsonAgreesWithCheckForEveryScheme(name: String) throws {
        let compare = try Self.run(["compare", name, "--json"])
        #expect(compare.status == 1, "\(compare.err)")
        let o = try Self.object(compare.out)
        let schemes = try #require(o["schemes"] as? [[String: Any]])
        let rows = try #require(o["outcomes"] as? [[String: Any]])
        let names = schemes.compactMap { $0["scheme"] as? String }
        #expect(names == ["notifier", "v6", "merged", "iommufd", "robin", "robin-locked"])
        var anyBroken = false
        for scheme in names {
            let check = try Self.run(["check", name, "--scheme", scheme, "--json"])
            let c = try Self.object(check.out)
            let entry = try #require(schemes.first { $0["scheme"] as? String == scheme })
            let broken = try #require(c["violations"] as? [[String: Any]]).compactMap { $0["invariant"] as? String }
            anyBroken = anyBroken || !broken.isEmpty
            #expect(check.status == (broken.isEmpty ? 0 : 1))
            #expect(entry["invariants"] as? [String] == broken, "\(scheme)")
            #expect(entry["states"] as? Int == c["states"] as? Int)
            let listed = try #require(c["outcomes"] as? [[String: Any]])
            for out in listed {
                let results = try #require(out["results"] as? [String: String])
                let row = try #require(rows.first { $0["results"] as? [String: String] == results }, "\(scheme): \(results) missing")
                let cell = try #require((row["cells"] as? [String: Any])?[scheme] as? [String: Any])
                #expect(cell["status"] as? String == "possible")
                #expect((cell["schedules"] as? NSNumber)?.stringValue == (out["schedules"] as? NSNumber)?.stringValue, "\(scheme): \(results)")
            }
            let impossible = rows.filter { (($0["cells"] as? [String: Any])?[scheme] as? [String: Any])?["status"] as? String == "impossible" }
            #expect(impossible.count == rows.count - listed.count, "\(scheme): every other row is impossible")
        }
        #expect(anyBroken)
    }

    @Test func exitStatusFollowsCheck() throws {
        #expect(try Self.run(["compare", "s5-bind-vs-claim", "--schemes", "v6,merged"]).status == 0)
        #expect(try Self.run(["compare", "s5-bind-vs-claim", "--schemes", "merged, notifier"]).status == 1)
        let markdown = try Self.run(["compare", "robin-stale-owner", "--format", "markdown"])
        #expect(markdown.status == 1)
        #expect(markdown.out.hasPrefix("# Compare: "))
        #expect(markdown.out.contains("### `robin`: stale-owner in"))
    }

    @Test(arguments: [
        (["compare", "no-such-scenario"], "no-such-scenario"),
        (["compare", "s5-bind-vs-claim", "--schemes", "merged,bogus"], "bogus"),
        (["compare", "s5-bind-vs-claim", "--schemes", ""], "empty scheme name"),
        (["compare", "s5-bind-vs-claim", "--json", "--format", "markdown"], "--json"),
        (["compare"], "missing SCENARIO"),
        (["check", "s5-bind-vs-claim", "--scheme", "all"], "dmaown compare"),
    ])
    func badInputIsOneLineAndStatus2(args: [String], mentioning: String) throws {
        let r = try Self.run(args)
        #expect(r.status == 2, "\(args): \(r.err)")
        #expect(r.out.isEmpty)
        #expect(r.err.split(separator: "\n").count == 1 && r.err.contains(mentioning), "\(args): \(r.err)")
    }

    @Test func markdownGoesToAFileThroughTheExportPath() throws {
        let scratch = try Scratch("compare")
        let path = scratch.root + "/review.md"
        let first = try Self.run(["compare", "robin-stale-owner", "--format", "markdown", "-o", path])
        #expect(first.status == 1 && first.out.isEmpty)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("# Compare: "))
        // An existing file is not replaced without --force.
        let again = try Self.run(["compare", "robin-stale-owner", "--format", "markdown", "-o", path])
        #expect(again.status == 2 && again.err.contains("exists"), "\(again.err)")
        #expect(try Self.run(["compare", "robin-stale-owner", "--format", "markdown", "-o", path, "--force"]).status == 1)
    }
}
