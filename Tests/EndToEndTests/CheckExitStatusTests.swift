import Foundation
import Testing

/// `dmaown check` and `replay` exit statuses (CONTRACT §3): 0 nothing broken, 1 broken, 2 bad input
/// with a one-line message on stderr.
@Suite struct CheckExitStatusTests {
    /// The built `dmaown` next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dmaown")
    }

    static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func scenarioFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dmaown-check-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
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
        let path = try Self.scenarioFile(Self.s5)
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
        let good = try Self.scenarioFile(Self.s5)
        let bad = try Self.scenarioFile(Self.s5 + "\nfrobnicate = 1\n")
        let resolved = args.map { $0 == "BAD" ? good : $0 == "UNKNOWN-KEY" ? bad : $0 }
        let r = try Self.run(resolved)
        #expect(r.status == 2)
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(r.out.isEmpty)
    }
}
