import Foundation
import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// `dmaown compare` as pure functions: golden outputs on built-in scenarios (beside the export
/// goldens: a compare in Markdown is an export for a review), and the same outputs checked by
/// meaning against each scheme's own `check` report.
@Suite struct CompareReportTests {
    /// `name` compared under `schemes` as the command does it, with times zeroed so outputs repeat.
    static func compare(_ name: String, schemes: [SchemeID] = SchemeID.allCases, options: ExplorationOptions = .init()) throws -> CompareReport {
        let scenario = try BuiltinScenarios.load(name)
        let entries = schemes.map { scheme -> CompareReport.Entry in
            switch CheckReport.make(scenario, scheme: scheme, options: options) {
            case .success(var r): r.exploration.seconds = 0; return .init(scheme: scheme, check: r)
            case .failure(let f): return .init(scheme: scheme, failure: "\(f)")
            }
        }
        return CompareReport(name: name, scenario: scenario, entries: entries)
    }

    static func parse(_ json: JSONText) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.rendered.utf8)) as? [String: Any])
    }

    @Test(arguments: ["robin-stale-owner", "s5-bind-vs-claim", "busy-machine"], ["txt", "md", "json"])
    func matchesGolden(name: String, ext: String) throws {
        let r = try Self.compare(name)
        let text = ext == "txt" ? r.human : ext == "md" ? r.markdown : r.json.rendered + "\n"
        let file = "compare-\(name).\(ext)"
        ExportFixture.updateGolden(file, text)
        let golden = try #require(ExportFixture.golden(file), "missing golden file \(file) (DMAOWN_UPDATE_GOLDEN=1 writes it)")
        #expect(text == golden)
        // Pinned by meaning too: each scheme's row gives the verdict and the invariants its own
        // check found, so a wrong golden cannot be blessed by regenerating it.
        guard ext != "json" else { return }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(r.entries.count == SchemeID.allCases.count)
        for entry in r.entries {
            let check = try #require(entry.check, "\(name) under \(entry.scheme.rawValue)")
            let broken = Invariant.allCases.filter(check.exploration.broken.contains).map(\.rawValue)
            let verdict = broken.isEmpty ? "OK" : "BROKEN", invariants = broken.isEmpty ? "none" : broken.joined(separator: ", ")
            let row = ext == "md" ? "| `\(entry.scheme.rawValue)` | \(verdict) | \(invariants) |" : nil
            let found = lines.contains { line in
                if let row { return line.hasPrefix(row) }
                let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                return words.first == entry.scheme.rawValue && words.dropFirst().first == verdict
                    && line.contains("  \(invariants)  ")
            }
            #expect(found, "\(file): no row says \(entry.scheme.rawValue) \(verdict) \(invariants)")
        }
    }

    /// Every built-in scenario: the JSON matrix says, scheme by scheme, exactly what that scheme's
    /// `check --json` says: the same outcomes with the same counts, "impossible" only for outcomes
    /// its complete search never met, the same invariants and completeness.
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func jsonMatrixAgreesWithEachSchemesCheck(name: String) throws {
        let scenario = try BuiltinScenarios.load(name)
        let o = try Self.parse(try Self.compare(name).json)
        let schemes = try #require(o["schemes"] as? [[String: Any]])
        let rows = try #require(o["outcomes"] as? [[String: Any]])
        #expect(schemes.map { $0["scheme"] as? String } == SchemeID.allCases.map(\.rawValue))
        for scheme in SchemeID.allCases {
            let entry = try #require(schemes.first { $0["scheme"] as? String == scheme.rawValue })
            guard case .success(let report) = CheckReport.make(scenario, scheme: scheme) else {
                #expect(entry["verdict"] as? String == "cannot run", "\(name) \(scheme)")
                continue
            }
            let check = try Self.parse(report.json)
            let complete = try #require(check["complete"] as? Bool)
            #expect(entry["complete"] as? Bool == complete)
            let broken = try #require(check["violations"] as? [[String: Any]]).compactMap { $0["invariant"] as? String }
            #expect(entry["invariants"] as? [String] == broken, "\(name) \(scheme)")
            #expect(entry["verdict"] as? String == (broken.isEmpty ? (complete ? "OK" : "OK so far") : "BROKEN"))
            guard let listed = check["outcomes"] as? [[String: Any]] else { continue }  // not listed: check says null
            let counted = check["schedules_counted"] as? Bool == true
            var seen = 0
            for row in rows {
                let results = try #require(row["results"] as? [String: String])
                let cell = try #require((row["cells"] as? [String: Any])?[scheme.rawValue] as? [String: Any])
                let match = listed.first { $0["results"] as? [String: String] == results }
                if let match {
                    seen += 1
                    #expect(cell["status"] as? String == "possible", "\(name) \(scheme) \(results)")
                    if counted { #expect((cell["schedules"] as? NSNumber)?.stringValue == (match["schedules"] as? NSNumber)?.stringValue) }
                } else {
                    #expect(cell["status"] as? String == (complete ? "impossible" : "unknown"), "\(name) \(scheme) \(results)")
                }
            }
            #expect(seen == listed.count, "every outcome \(scheme) lists is a row of the matrix (\(name))")
        }
    }

    @Test func identicalSchemesShareAColumnWithANote() throws {
        let r = try Self.compare("s5-bind-vs-claim")
        let merged = try #require(r.columns.first { $0.count > 1 && $0.map { r.entries[$0].scheme }.contains(.merged) })
        let names = merged.map { r.entries[$0].scheme }
        #expect(names == [.v6, .merged, .iommufd])
        for row in r.rows { #expect(Set(merged.map { row.cells[$0] }).count == 1) }
        #expect(r.mergeNotes.contains { $0.hasPrefix("v6, merged, iommufd: identical results") })
        #expect(r.human.contains("v6, merged, iommufd"))
        // Columns that stay apart differ somewhere: in a cell or in the invariants broken.
        for c in r.columns where !c.contains(merged[0]) {
            let differs = r.rows.contains { $0.cells[c[0]] != $0.cells[merged[0]] }
                || r.entries[c[0]].check?.exploration.broken != r.entries[merged[0]].check?.exploration.broken
            #expect(differs, "\(r.heading(c)) kept apart from \(r.heading(merged))")
        }
    }

    @Test func differencesAreMarkedInSymbolsAndWords() throws {
        let r = try Self.compare("s5-bind-vs-claim")
        let eperm = try #require(r.rows.first { $0.results == ["0", "-EPERM"] })
        #expect(eperm.difference == .possibility)
        #expect(r.human.contains("* possible under some schemes, impossible under others"))
        let same = try Self.compare("s5-bind-vs-claim", schemes: [.v6, .merged])
        #expect(same.rows.allSatisfy { $0.difference == nil })
        #expect(same.exitStatus == 0)
        #expect(try Self.compare("robin-stale-owner").exitStatus == 1)
    }

    /// A bound that cuts the search: nothing is called impossible, the notes say it is partial.
    @Test func aPartialSearchNeverClaimsImpossible() throws {
        // 30 states: some outcomes are met, not all, under every scheme.
        let r = try Self.compare("s5-bind-vs-claim", options: ExplorationOptions(maxStates: 30))
        #expect(r.entries.allSatisfy { $0.check?.exploration.complete == false })
        #expect(r.rows.allSatisfy { !$0.cells.contains(.impossible) })
        #expect(!r.rows.isEmpty && r.rows.allSatisfy { $0.difference == .unknown })
        #expect(r.rows.allSatisfy { $0.cells.contains(.notFound) && $0.cells.contains(.possible) })
        #expect(r.partialNotes.count == SchemeID.allCases.count)
        #expect(r.human.contains("OK so far") || r.human.contains("BROKEN"))
        #expect(!r.json.rendered.contains("\"impossible\""))
    }

    /// Outcomes past the listing limit are "not listed", never impossible, and the note says why.
    @Test func unlistedOutcomesAreNeverImpossible() throws {
        var r = try Self.compare("s5-bind-vs-claim", schemes: [.merged, .v6])
        var check = try #require(r.entries[1].check)
        check.exploration.outcomes = []
        check.exploration.clusters = [ClusterResult(threads: [0], groups: [7], outcomes: [], states: 1, transitions: 0, countingStates: 0),
                                      ClusterResult(threads: [1], groups: [7], outcomes: [], states: 1, transitions: 0, countingStates: 0)]
        check.exploration.outcomeCount = ScheduleCount(Explorer.maxListedOutcomes + 1)
        r.entries[1] = .init(scheme: .v6, check: check)
        #expect(r.rows.count == 2)
        #expect(r.rows.allSatisfy { $0.cells[1] == .notListed && $0.difference == .unknown })
        #expect(r.columns.count == 2)
        #expect(r.unlistedNotes.count == 1)
    }

    /// The Markdown's counterexample for each broken scheme is the trace exporter's table: one row
    /// per step, each with its decision column, ending in the invariant it breaks.
    @Test func markdownCarriesEachSchemesShortestCounterexampleStepByStep() throws {
        let r = try Self.compare("robin-stale-owner")
        let md = r.markdown
        for entry in r.entries {
            guard let c = CompareReport.shortest(entry) else { continue }
            let heading = "### `\(entry.scheme.rawValue)`: \(c.invariant.rawValue) in \(c.schedule.count) steps"
            let section = try #require(md.components(separatedBy: heading).dropFirst().first, "no section for \(entry.scheme)")
            let table = section.components(separatedBy: "#### Steps")[1].components(separatedBy: "####")[0]
            let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| # ") }
            #expect(rows.count == c.schedule.count)
            #expect(rows.last?.contains("✗ \(c.invariant.rawValue)") == true)
            #expect(table.contains("| decision | changed |"))
        }
    }
}
