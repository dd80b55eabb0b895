import DMAOwnBench
import DMAOwnTerminal
import DMAOwnTestSupport
import Foundation
import Testing

/// `dmaown bench` prints one JSON object with every figure the README quotes. Only its shape is
/// checked: speed is measured from a release build, not judged in a test. It runs with a fresh
/// TMPDIR and TMUX_TMPDIR, which it must leave empty (its spawned output files, its tmux socket).
struct BenchCommandTests {
    @Test func benchPrintsEveryFigure() throws {
        let scratch = try Scratch("bench")
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = try scratch.folder("tmp")
        env["TMUX_TMPDIR"] = try scratch.folder("tmux")
        let r = Binary.run(["bench", "--max-devices", "2", "--max-operations", "5", "--max-states", "100000"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        try TemporaryFilesTests.expectNothingLeft(tmp: scratch.path("tmp"), tmux: scratch.path("tmux"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { "\($0["n"]!)x\($0["k"]!)" } == ["2x2", "2x3", "2x4", "2x5"])
        #expect(!rows.isEmpty, "the loop below checks something")
        for row in rows {
            for pass in ["full", "por"] {
                let f = try #require(row[pass] as? [String: Any])
                for key in ["complete", "states", "transitions", "seconds", "states_per_second", "bytes_per_state", "peak_bytes"] {
                    #expect(f[key] != nil, "\(pass) lacks \(key)")
                }
                #expect(f["complete"] as? Bool == true)
            }
        }
        // --max-operations 5 keeps only K = 5 of the DMA-only family (K = 5…7): no VFIO driver, no claim.
        let dmaOnly = try #require(json["dma_only"] as? [String: Any])
        let dmaRows = try #require(dmaOnly["rows"] as? [[String: Any]])
        #expect(dmaRows.map { $0["k"] as? Int } == [5], "\(dmaOnly)")
        for row in dmaRows {
            let ops = try #require(row["operations"] as? [String])
            #expect(ops.count == 5 && !ops.contains { $0.contains("vfio") || $0.hasPrefix("claim") }, "\(ops)")
            let full = try #require(row["full"] as? [String: Any])
            #expect(full["complete"] as? Bool == true && (full["states"] as? Int ?? 0) > 0, "\(full)")
        }
        let headline = try #require(json["headline"] as? [String: Any])
        #expect((headline["check_default"] as? [String: Any])?["complete"] as? Bool == true)
        #expect((json["tui_render"] as? [String: Any])?["milliseconds_per_frame"] as? Double ?? 0 > 0)
        let loader = try #require(json["loader"] as? [[String: Any]])
        #expect(loader.map { $0["devices"] as? Int } == [1_000, 4_000, 10_000])
        #expect(loader.allSatisfy { $0["loaded"] as? Bool == true && $0["seconds"] as? Double ?? -1 >= 0 }, "\(loader)")
        // The first frame is timed in tmux; without it (and not under CI=true, where tmux must be
        // there) bench says it skipped that figure, and that is what is checked.
        let first = try #require(json["tui_first_frame"] as? [String: Any])
        guard Tmux.testsRun else {
            #expect(first["skipped"] as? String == "tmux not found", "\(first)")
            return
        }
        #expect(first["runs"] as? Int == 5, "\(first)")
        #expect(first["median_milliseconds"] as? Double ?? 0 > 0, "\(first)")
        #expect(first["max_milliseconds"] as? Double ?? 0 >= first["median_milliseconds"] as? Double ?? .infinity)
    }
}
