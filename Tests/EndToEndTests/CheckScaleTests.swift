import DMAOwnTestSupport
import Foundation
import Testing

/// `dmaown check` on machines with many groups: independent groups are explored cluster by
/// cluster with no thread limit, one cluster above the limit is refused with the limit named,
/// and a memory bound gives a partial result instead of a crash.
@Suite struct CheckScaleTests {
    /// G groups, each with a vfio-pci device, an unbound one and one bound to e1000e, and `k` of
    /// these operations per group: a kernel bind, a VM claim, an unbind, a release.
    static func groups(_ g: Int, operations k: Int, extraThreads: [String] = []) -> String {
        func dev(_ g: Int, _ f: Int) -> String { "0000:\(String(format: "%02x", g)):00.\(f)" }
        func list(_ xs: [String]) -> String { "[" + xs.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let ids = Array(1...g)
        let setup = ids.flatMap { ["bind \(dev($0, 0)) vfio-pci", "bind \(dev($0, 2)) e1000e"] }
        let threads = ids.flatMap { ["bind \(dev($0, 1)) e1000e", "claim \($0) qemu", "unbind \(dev($0, 2))", "release \($0) qemu"].prefix(k) }
        return """
            title = "\(g) groups"
            scheme = "merged"
            owners = ["qemu"]
            setup = \(list(setup))
            threads = \(list(threads + extraThreads))

            [drivers]
            vfio-pci = { managed_dma = true }
            e1000e = { managed_dma = false }

            [groups]
            \(ids.map { g in "\(g) = \(list((0..<3).map { f in dev(g, f) }))" }.joined(separator: "\n"))

            """
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func fortyThreadsInTenGroupsCheckCompletely() throws {
        let scratch = try Scratch("scale")
        let path = try scratch.scenarioFile(Self.groups(10, operations: 4))
        let r = try CheckExitStatusTests.run(["check", path, "--json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty, "no progress line when stderr is not a terminal")
        let j = try Self.json(r.out)
        #expect(j["complete"] as? Bool == true)
        #expect(j["schedules_counted"] as? Bool == true)
        let clusters = try #require(j["clusters"] as? [[String: Any]])
        #expect(clusters.count == 10)
        #expect(clusters.allSatisfy { ($0["threads"] as? [Int])?.count == 4 && ($0["outcomes"] as? [Any])?.count == 4 })
        // 4 outcomes per group, combined: 4^10, too many to list one by one.
        #expect((j["outcome_count"] as? NSNumber)?.intValue == 1_048_576)
        #expect(j["outcomes"] is NSNull)
        let text = try CheckExitStatusTests.run(["check", path])
        #expect(text.out.contains("1048576 outcomes, every combination of 10 independent clusters' own outcomes"))
        #expect(text.out.contains("cluster 10: threads 37, 38, 39, 40 on group 10, 4 outcomes"))
    }

    @Test func oneClusterAboveTheLimitIsRefusedNamingFileAndLimit() throws {
        let scratch = try Scratch("scale")
        let extra = (0..<30).map { _ in "bind 0000:01:00.1 e1000e" }
        let path = try scratch.scenarioFile(Self.groups(1, operations: 3, extraThreads: extra))
        for args in [["check", path], ["check", path, "--json"], ["export", path, "--format", "text", "--invariant", "warn"]] {
            let r = try CheckExitStatusTests.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.out.isEmpty, "\(args): nothing that reads like a verdict")
            let lines = r.err.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains(path) && lines[0].contains("33 threads") && lines[0].contains("at most 32"), "\(r.err)")
        }
    }

    /// Six threads on one group: about 2,400 reduced and 11,000 unreduced states, 170 KB of tables.
    static let busyGroup = groups(1, operations: 4, extraThreads: ["bind 0000:01:00.0 e1000e", "unbind 0000:01:00.0"])

    @Test(arguments: ["16K", "16000"])
    func aSmallMemoryBoundGivesAPartialResult(bound: String) throws {
        let scratch = try Scratch("scale")
        let path = try scratch.scenarioFile(Self.busyGroup)
        let r = try CheckExitStatusTests.run(["check", path, "--json", "--max-memory", bound])
        #expect(r.status == 0 || r.status == 1, "\(r.err)")
        let j = try Self.json(r.out)
        #expect(j["complete"] as? Bool == false)
        #expect(j["stopped_by"] as? String == "memory")
        let text = try CheckExitStatusTests.run(["check", path, "--max-memory", bound])
        #expect(text.status == 0 || text.status == 1)
        #expect(text.out.contains("The result is partial: the search stopped at its memory bound"), "\(text.out)")
    }

    /// A bound that only the unreduced counting pass reaches leaves the verdict complete and the counts unknown.
    /// (128K: the reduced pass needs about 186 KB peak since claims open /dev/vfio/N, reading every
    /// member, and unbinds check unbind_store first; the counting pass needs more.)
    @Test func aMemoryBoundOnlyCountingReachesLeavesTheVerdictComplete() throws {
        let scratch = try Scratch("scale")
        let path = try scratch.scenarioFile(Self.busyGroup)
        let j = try Self.json(try CheckExitStatusTests.run(["check", path, "--json", "--max-memory", "128K"]).out)
        #expect(j["complete"] as? Bool == true)
        #expect(j["schedules_counted"] as? Bool == false)
        #expect(j["counting_stopped_by"] as? String == "memory")
        let outcomes = try #require(j["outcomes"] as? [[String: Any]])
        #expect(!outcomes.isEmpty && outcomes.allSatisfy { $0["schedules"] is NSNull })
        let text = try CheckExitStatusTests.run(["check", path, "--max-memory", "128K"]).out
        #expect(text.contains("schedules not counted: the counting pass reached the memory bound; the outcome set itself is complete"), "\(text)")
    }

    @Test(arguments: ["0", "lots", "12X", "1.5G"])
    func aBadMemoryBoundIsExit2(bound: String) throws {
        let r = try CheckExitStatusTests.run(["check", "s5-bind-vs-claim", "--max-memory", bound])
        #expect(r.status == 2)
        #expect(r.err.contains("--max-memory") && r.err.contains("'\(bound)'"), "\(r.err)")
    }

    @Test func countForcesCountingAndAgreesWithTheDefault() throws {
        let scratch = try Scratch("scale")
        let path = try scratch.scenarioFile(Self.groups(2, operations: 3))
        let plain = try Self.json(try CheckExitStatusTests.run(["check", path, "--json"]).out)
        let forced = try Self.json(try CheckExitStatusTests.run(["check", path, "--json", "--count"]).out)
        #expect(forced["schedules_counted"] as? Bool == true)
        #expect((forced["schedules_total"] as? NSNumber) == (plain["schedules_total"] as? NSNumber))
        #expect((forced["schedules_total"] as? NSNumber) != nil)
    }
}
