import DMAOwnTestSupport
import Foundation
import Testing

/// Issue 16 end to end: names and titles carrying escape sequences, bidi controls and newlines
/// never reach a terminal raw from any command, and `export --force` refuses a FIFO.
@Suite struct HostileOutputTests {
    static let hostile = """
        title = "evil \\u001b]0;pwned\\u0007 title \\u202e"
        scheme = "merged"
        description = "line\\u001b[2J"
        owners = ["qemu"]
        threads = ["bind dev\\u001b[31m e1000e", "claim 7 qemu"]
        [drivers]
        e1000e = { managed_dma = false }
        [groups]
        7 = ["dev\\u001b[31m"]
        """

    static func clean(_ s: String) -> Bool {
        !s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F || (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" }
    }

    @Test(arguments: [["check"], ["export", "--format", "text"], ["export", "--format", "markdown"], ["export", "--format", "mermaid"], ["export", "--format", "dot"]])
    func namesWithEscapesArePrintedEscaped(_ command: [String]) throws {
        let scratch = try Scratch("hostile")
        let path = try scratch.scenarioFile(Self.hostile)
        let r = try CheckExitStatusTests.run(command + [path])
        #expect(r.status == 0 || r.status == 1, "\(r.err)")
        #expect(Self.clean(r.out), "\(r.out.debugDescription)")
        #expect(Self.clean(r.err))
        #expect(r.out.contains("\\e"), "the escape is shown, not dropped")
    }

    @Test func anErrorQuotingAnEscapeIsOneCleanLine() throws {
        let scratch = try Scratch("hostile")
        let path = try scratch.scenarioFile(Self.hostile.replacingOccurrences(of: "claim 7 qemu", with: "claim 7 q\\u001b]0;x\\u0007\\nq"))
        let r = try CheckExitStatusTests.run(["check", path])
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("dmaown check: \(path):5: "), "\(r.err)")
        #expect(r.err.filter { $0 == "\n" }.count == 1 && Self.clean(r.err), "\(r.err.debugDescription)")
    }

    @Test func exportForceRefusesAFIFO() throws {
        let scratch = try Scratch("hostile")
        let fifo = scratch.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let r = try CheckExitStatusTests.run(["export", "s5-bind-vs-claim", "--format", "text", "-o", fifo, "--force"])
        #expect(r.status == 2)
        #expect(r.err == "dmaown export: \(fifo): is a FIFO, not a regular file; only a regular file is replaced\n", "\(r.err)")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
    }
}
