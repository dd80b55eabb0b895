import Foundation
import Testing
import DMAOwnScenario
import DMAOwnTUI
@testable import DMAOwnTerminal
import DMAOwnTestSupport

/// `w`/`o`: saves are atomic and loads say what is wrong with a file.
struct TraceFilesTests {
    @Test func aSavedTraceLoadsBackAndLeavesNoTemporaryFile() throws {
        let scratch = try Scratch("trace")
        let dir = scratch.root
        let trace = Trace(title: "t", source: "built-in:s5", scenario: "title = \"t\"", scheme: .merged,
                          operations: ["bind 01:00.1 e1000e", "claim 7 qemu"], steps: [.init(thread: 2), .init(thread: 1, fail: true)])
        let json = String(decoding: try JSONEncoder().encode(trace), as: UTF8.self)
        let path = dir + "/run.json"
        try "old contents".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(TraceFiles.write(json, to: path, overwrite: true) == nil)
        #expect(try TraceFiles.load(path).get() == trace)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["run.json"])
    }

    @Test func failuresAreOneLineNamingTheFile() throws {
        let scratch = try Scratch("trace")
        let dir = scratch.root
        let missingDir = dir + "/no/such/dir/run.json"
        let err = TraceFiles.write("{}", to: missingDir, overwrite: false)
        #expect(err?.message.contains(missingDir) == true)
        #expect(!FileManager.default.fileExists(atPath: missingDir))
        guard case .failure(let e) = TraceFiles.load(dir + "/absent.json") else { Issue.record("loaded a missing file"); return }
        #expect(e.message.contains("absent.json") && !e.message.contains("\n"))
        let bad = dir + "/bad.json"
        FileManager.default.createFile(atPath: bad, contents: Data("{\"title\": 3}".utf8))
        guard case .failure(let e2) = TraceFiles.load(bad) else { Issue.record("loaded a bad trace"); return }
        #expect(e2.message.contains("bad.json") && e2.message.contains("not a dmaown trace") && !e2.message.contains("\n"))
    }
}
