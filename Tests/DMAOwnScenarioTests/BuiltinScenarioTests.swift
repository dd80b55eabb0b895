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

    @Test(arguments: [("robin-case-1", ["1.a", "1.b", "1.c"]), ("robin-case-2", ["2.a.i", "2.b"]),
                      ("robin-case-3", ["3"]), ("robin-case-4", ["4.a.i", "4.a.ii", "4.b"]), ("robin-stale-owner", ["2.a.i"])])
    func robinCaseArises(_ name: String, _ labels: [String]) throws {
        let s = try BuiltinScenarios.load(name)
        #expect(s.scheme == .robin)
        let (run, world) = try s.prepare().get()
        let seen = NaiveExplorer(run, from: world).labels
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
