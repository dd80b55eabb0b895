import DMAOwnBench
import DMAOwnTestSupport
import Foundation
import Glibc
import Testing

/// Nothing is left in the temporary directory: not by a test (each makes its files in a `Scratch`
/// folder, removed when the test ends, pass or fail) and not by a `dmaown` command (on success or
/// on error). /tmp once held thousands of scenario files from `dmaown check` tests.
@Suite struct TemporaryFilesTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path

    struct Thrown: Error {}

    /// A Scratch folder and what is in it are gone when the test ends, whether it returns or throws.
    @Test func aScratchFolderIsRemovedWhenTheTestEndsPassOrFail() throws {
        var roots: [String] = []
        func passing() throws {
            let scratch = try Scratch("probe")
            roots.append(scratch.root)
            try scratch.file("a/b/scenario.toml", "scheme = \"merged\"\n")
            try scratch.folder("c/d")
        }
        func failing() throws {
            let scratch = try Scratch("probe")
            roots.append(scratch.root)
            try scratch.file("trace.json", "{}")
            // A folder made unreadable, as SysfsHostileTreeTests does, is removed too.
            let locked = try scratch.folder("locked")
            #expect(chmod(locked, 0) == 0)
            throw Thrown()
        }
        try passing()
        #expect(throws: Thrown.self) { try failing() }
        #expect(roots.count == 2 && Set(roots).count == 2, "\(roots)")
        for root in roots {
            #expect(!FileManager.default.fileExists(atPath: root), "\(root) left behind")
        }
    }

    /// Every test makes its temporary files through `Scratch`: no other test file names the
    /// temporary directory, so none can make a file there that nothing removes.
    @Test func onlyScratchNamesTheTemporaryDirectory() throws {
        // Spelled in pieces so this file does not match itself.
        let names = ["temporary" + "Directory", "NSTemporary" + "Directory", "mkd" + "temp", "mks" + "temp", "\"/" + "tmp"]
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.tests).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100, "the scan found the test sources: \(files.count) files under \(Self.tests)")
        var offenders: [String] = []
        for file in files where file != "DMAOwnTestSupport/Scratch.swift" {
            let text = try String(contentsOfFile: Self.tests + "/" + file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let name = names.first(where: { line.contains($0) }) { offenders.append("Tests/\(file):\(n + 1): \(name)") }
            }
        }
        #expect(offenders.isEmpty, "make temporary files with Scratch (Tests/DMAOwnTestSupport), which removes them:\n\(offenders.joined(separator: "\n"))")
    }

    /// The commands that write files, run with a fresh TMPDIR (and TMUX_TMPDIR), on success and on
    /// error: afterwards the temporary directory is empty, and the folders they wrote into hold
    /// only what they were asked to write (the atomic writer's temporary names are gone).
    @Test func commandsLeaveNothingInTheTemporaryDirectory() throws {
        let scratch = try Scratch("tmpdir")
        var env = try scratch.emptyHome()
        let tmp = try #require(env["TMPDIR"])
        env["TMUX_TMPDIR"] = try scratch.folder("tmux")
        let out = try scratch.folder("out"), sysfs = try scratch.folder("sysfs/kernel/iommu_groups")
        let fifo = out + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        func dmaown(_ args: [String], _ status: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
            let r = Subprocess.run([Binary.path] + args, environment: env)
            #expect(r.status == status, "dmaown \(args.joined(separator: " ")): \(r.stderr)", sourceLocation: sourceLocation)
        }
        dmaown(["export", "s5-bind-vs-claim", "--format", "json", "-o", out + "/s5.json"], 0)
        dmaown(["export", "s5-bind-vs-claim", "--format", "json", "-o", out + "/s5.json"], 2)  // exists, no --force
        dmaown(["export", "s5-bind-vs-claim", "--format", "text", "-o", out + "/s5.json", "--force"], 0)
        dmaown(["export", "s5-bind-vs-claim", "--format", "text", "-o", fifo, "--force"], 2)
        dmaown(["export", "s5-bind-vs-claim", "--format", "text", "-o", out + "/no/such/dir/x.txt"], 2)
        dmaown(["scenarios", "show", "s5-bind-vs-claim"], 0)
        dmaown(["check", "s5-bind-vs-claim"], 0)
        dmaown(["replay", out + "/s5.json"], 2)  // the text export is not a trace
        dmaown(["import-sysfs", scratch.root + "/sysfs", "-o", out + "/machine.toml"], 2)
        dmaown(["learn", "--reset", "--yes"], 0)
        // `bench`, which spawns through files in TMPDIR and runs a tmux server of its own, is
        // checked the same way by BenchCommandTests (it is too slow to run twice).

        try Self.expectNothingLeft(tmp: tmp, tmux: try #require(env["TMUX_TMPDIR"]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["fifo", "s5.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: sysfs).isEmpty)
    }

    /// The folders a command ran with as TMPDIR and TMUX_TMPDIR hold nothing: tmux keeps its
    /// per-user folder, but the server's socket inside it must be gone.
    static func expectNothingLeft(tmp: String, tmux: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try FileManager.default.subpathsOfDirectory(atPath: tmp)
        #expect(left.isEmpty, "left in TMPDIR: \(left)", sourceLocation: sourceLocation)
        let sockets = try FileManager.default.subpathsOfDirectory(atPath: tmux).filter { path in
            var st = stat()
            return lstat(tmux + "/" + path, &st) == 0 && st.st_mode & S_IFMT != S_IFDIR
        }
        #expect(sockets.isEmpty, "left in TMUX_TMPDIR: \(sockets)", sourceLocation: sourceLocation)
    }
}
