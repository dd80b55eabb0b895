import Foundation
import Testing
import DMAOwnEngine
@testable import DMAOwnScenario

/// The built-in library: every scenario loads, sets up under its own scheme, and its `[expect]`
/// matches an exhaustive search, so an engine change that changes a verdict fails here.
@Suite struct BuiltinScenarioTests {
    static let names = BuiltinScenarios.all.map(\.name)

    @Test func namesAreUniqueAndTheDefaultExists() {
        #expect(Set(Self.names).count == Self.names.count)
        #expect(Self.names.contains(BuiltinScenarios.defaultName))
        #expect(Self.names.count >= 17)
        for required in ["s1-vfio-owns-sibling-binds", "s5-bind-vs-claim", "s8-iommufd-shared-claims", "notifier-bug-on",
                         "v6-nested-claim", "robin-case-1", "robin-case-2", "robin-case-3", "robin-case-4",
                         "robin-stale-owner", "bridge-group", "busy-machine"] {
            #expect(Self.names.contains(required), "missing \(required)")
        }
    }

    /// Every file in the embedded folder is listed in `all`, and nothing listed is missing from it:
    /// a scenario added as a file but not listed (or the reverse) fails here, not in a user's hands.
    @Test func catalogueMatchesTheScenarioFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/DMAOwnScenario/Scenarios").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }
        #expect(!files.isEmpty)
        #expect(Set(files) == Set(BuiltinScenarios.fileNames))
        #expect(!BuiltinScenarios.all.isEmpty, "the loop below checks something")
        for entry in BuiltinScenarios.all {
            let onDisk = try String(contentsOf: folder.appendingPathComponent("\(entry.name).toml"), encoding: .utf8)
            #expect(onDisk == entry.text, "\(entry.name): the embedded text differs from the file")
        }
    }

    @Test(arguments: names) func loadsAndSetsUp(_ name: String) throws {
        let s = try BuiltinScenarios.load(name)
        #expect(s.source == "built-in:\(name)")
        #expect(!s.title.isEmpty && !s.description.isEmpty && !s.tryNote.isEmpty)
        #expect(s.expect != nil, "every built-in scenario states its verdict")
        #expect(!s.threads.isEmpty)
        // parse() already ran the setup; run it again to be explicit about the scheme.
        let prepared = s.prepare()
        if case .failure(let e) = prepared { Issue.record("\(e)") }
    }

    @Test(arguments: names) func matchesItsExpectation(_ name: String) throws {
        let s = try BuiltinScenarios.load(name)
        let (run, world) = try s.prepare().get()
        let found = NaiveExplorer(run, from: world)
        let expect = try #require(s.expect)
        #expect(found.broken == expect.invariants, "\(name): broken \(found.broken.map(\.rawValue).sorted())")
        #expect(found.outcomes.count == expect.outcomes, "\(name): outcomes \(found.outcomes.sorted { $0.lexicographicallyPrecedes($1) })")
    }

    @Test func busyMachineIsBusyButSmall() throws {
        let s = try BuiltinScenarios.load("busy-machine")
        #expect(s.topology.groups.count >= 3)
        #expect(s.topology.devices.count >= 8)
        #expect(s.threads.count >= 5)
        let (run, world) = try s.prepare().get()
        #expect(NaiveExplorer(run, from: world).states < 200_000)
    }

    @Test(arguments: [("robin-case-1", ["1.a", "1.b", "1.c"]), ("robin-case-2", ["2.a.i", "2.a.ii", "2.b"]),
                      ("robin-case-3", ["3"]), ("robin-case-4", ["4.a.i", "4.a.ii", "4.b"]), ("robin-stale-owner", ["2.a.i"])])
    func robinCaseArises(_ name: String, _ labels: [String]) throws {
        let s = try BuiltinScenarios.load(name)
        #expect(s.scheme == .robin)
        let (run, world) = try s.prepare().get()
        let seen = NaiveExplorer(run, from: world).labels
        #expect(!labels.isEmpty, "the loop below checks something")
        for label in labels { #expect(seen.contains(label), "\(name) never shows case \(label); saw \(seen.sorted())") }
    }

    @Test func unknownNameIsAnError() {
        #expect(throws: ScenarioError(file: "built-in:s9", line: 0, value: "s9",
                                      message: "no built-in scenario named 's9' (list them with 'dmaown scenarios')")) {
            try BuiltinScenarios.load("s9")
        }
        #expect(BuiltinScenarios.named("s9") == nil)
        #expect(BuiltinScenarios.named("s5-bind-vs-claim")?.contains("scheme = \"merged\"") == true)
    }
}

/// `dmaown scenarios` prints this listing: one scenario a line, titles aligned.
@Suite struct BuiltinListingTests {
    @Test func oneAlignedLinePerScenario() throws {
        let lines = BuiltinScenarios.listing().split(separator: "\n").map(String.init)
        #expect(lines.count == BuiltinScenarios.all.count)
        let column = BuiltinScenarios.all.map(\.name.count).max()! + 2
        #expect(!lines.isEmpty && lines.count == BuiltinScenarios.all.count, "the loop below checks something")
        for (line, entry) in zip(lines, BuiltinScenarios.all) {
            let title = try BuiltinScenarios.load(entry.name).title
            #expect(line.hasPrefix(entry.name))
            #expect(String(line.dropFirst(column)) == title)
            #expect(line.dropFirst(entry.name.count).prefix(column - entry.name.count).allSatisfy { $0 == " " })
        }
    }
}

/// The "what to try" notes promise schedules; these replay them to show the promise holds.
@Suite struct TryNoteTests {
    static func replay(_ name: String, _ threads: [Int], fail: Set<Int> = []) throws -> (Run, World) {
        let s = try BuiltinScenarios.load(name)
        let (run, _) = try s.prepare().get()
        let trace = Trace(title: s.title, source: s.source, scenario: s.text, scheme: s.scheme,
                          operations: (0..<run.operations.count).map(run.line(of:)),
                          steps: threads.enumerated().map { Trace.Entry(thread: $0.element, fail: fail.contains($0.offset)) })
        let (_, r, worlds) = try TraceReplay.replay(trace)
        return (r, try #require(worlds.last))
    }

    @Test func v6ReleaseRacingANestedClaimKeepsTheNestedClaimButNotTheDomain() throws {
        // The release's detach, the whole nested claim, then the rest of the release.
        let (run, w) = try Self.replay("v6-nested-claim", [2, 2, 1, 1, 2, 2])
        #expect(run.isFinished(w))
        #expect(run.result(of: 0, in: w) == "0")
        #expect(run.result(of: 1, in: w) == "0")
        // The second critical section reads the count the nested claim raised: ownership stays.
        #expect(w[group: 0].owner == .user(0))
        #expect(w[group: 0].ownerCount == 1)
        #expect(w[group: 0].domain == .none, "the detach ran before the nested claim, which attaches nothing")
        #expect(run.broken(in: w).isEmpty)
    }

    /// A scenario run under another scheme than its own, and what must break there.
    struct Switched: Sendable, CustomTestStringConvertible {
        var name: String
        var scheme: SchemeID
        var broken: Set<Invariant>
        var testDescription: String { "\(name) under \(scheme.rawValue)" }
    }

    /// Notes that say "switch to scheme X" promise a different verdict there.
    @Test(arguments: [
        Switched(name: "s5-bind-vs-claim", scheme: .notifier, broken: [.isolation, .bugOn]),
        Switched(name: "s1-vfio-owns-sibling-binds", scheme: .notifier, broken: [.isolation, .bugOn]),
        Switched(name: "notifier-bug-on", scheme: .merged, broken: []),
        Switched(name: "robin-stale-owner", scheme: .merged, broken: []),
    ])
    func otherSchemeVerdict(_ c: Switched) throws {
        let s = try BuiltinScenarios.load(c.name)
        let (run, world) = try s.prepare(scheme: c.scheme).get()
        #expect(NaiveExplorer(run, from: world).broken == c.broken)
    }

    @Test func robinPinctrlFailureAfterTheScanLeavesAStaleOwner() throws {
        // r8169 to its pinctrl step, the whole unbind, then the failure branch at pinctrl and the unwind.
        let (run, w) = try Self.replay("robin-stale-owner", [2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 2, 2], fail: [10])
        #expect(run.isFinished(w))
        #expect(run.result(of: 1, in: w) == "-EINVAL")
        #expect(run.broken(in: w).members == [.staleOwner])
    }
}
