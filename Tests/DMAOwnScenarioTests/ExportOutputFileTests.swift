import DMAOwnScenario
import Foundation
import Testing

@Suite struct ExportOutputFileTests {
    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.path + "/dmaown-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesANewFileAndLeavesNoTemporaryBehind() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try OutputFile.write("one\n", to: dir + "/x.md", force: false)
        #expect(try String(contentsOfFile: dir + "/x.md", encoding: .utf8) == "one\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.md"])
    }

    @Test func refusesAnExistingFileWithoutForce() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "mine\n".write(toFile: dir + "/x.md", atomically: false, encoding: .utf8)
        #expect(throws: OutputFile.WriteError.exists(path: dir + "/x.md")) {
            try OutputFile.write("theirs\n", to: dir + "/x.md", force: false)
        }
        #expect(try String(contentsOfFile: dir + "/x.md", encoding: .utf8) == "mine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.md"])
        #expect(OutputFile.WriteError.exists(path: "x.md").description == "x.md: already exists (use --force to overwrite it)")
    }

    @Test func forceReplacesTheFile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "mine\n".write(toFile: dir + "/x.md", atomically: false, encoding: .utf8)
        try OutputFile.write("theirs\n", to: dir + "/x.md", force: true)
        #expect(try String(contentsOfFile: dir + "/x.md", encoding: .utf8) == "theirs\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.md"])
    }

    @Test func aMissingDirectoryNamesThePath() throws {
        let path = "/nonexistent-dmaown-\(UUID().uuidString)/x.md"
        let error = #expect(throws: OutputFile.WriteError.self) { try OutputFile.write("x", to: path, force: true) }
        #expect(error?.description.hasPrefix(path + ": cannot be written") == true)
    }
}
