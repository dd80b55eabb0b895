import Foundation
import Glibc
import Testing
@testable import DMAOwnScenario
import DMAOwnTestSupport

/// The one atomic writer, tested as atomicity (issue 18 item 3) and as refusing to follow or replace
/// what it should not (issue 16): a new inode each time, a hard link to the old file keeps the old
/// contents, a failed write leaves the original and no temporary file, planted symlinks are not
/// followed, and `--force` replaces only a regular file.
@Suite struct AtomicFileTests {
    /// A fresh folder per test (Swift Testing makes a suite instance per test), removed with it.
    let scratch: Scratch
    var dir: String { scratch.root }

    init() throws { scratch = try Scratch("atomic") }

    func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }
    func inode(_ path: String) -> UInt64 {
        var st = stat()
        return lstat(path, &st) == 0 ? UInt64(st.st_ino) : 0
    }

    @Test func writesANewFileAndLeavesNoTemporaryBehind() throws {
        try AtomicFile.write("one\n", to: dir + "/x.md", replace: false)
        #expect(try contents(dir + "/x.md") == "one\n")
        #expect(try entries() == ["x.md"])
    }

    @Test func refusesAnExistingFileWithoutReplace() throws {
        try "mine\n".write(toFile: dir + "/x.md", atomically: false, encoding: .utf8)
        #expect(throws: AtomicFile.Failure.exists(path: dir + "/x.md")) {
            try AtomicFile.write("theirs\n", to: dir + "/x.md", replace: false)
        }
        #expect(try contents(dir + "/x.md") == "mine\n")
        #expect(try entries() == ["x.md"])
        #expect(AtomicFile.Failure.exists(path: "x.md").description == "x.md: already exists (use --force to overwrite it)")
    }

    /// Replacing publishes a new inode; a hard link to the old file still reads the old contents,
    /// which an in-place write (`O_TRUNC`) or unlink-then-write would not give.
    @Test func replacingGivesANewInodeAndAHardLinkKeepsTheOldContents() throws {
        let path = dir + "/x.md", keep = dir + "/old.md"
        try "mine\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(link(path, keep) == 0)
        let before = inode(path)
        try AtomicFile.write("theirs\n", to: path, replace: true)
        #expect(try contents(path) == "theirs\n")
        #expect(try contents(keep) == "mine\n")
        #expect(inode(path) != before)
        #expect(inode(keep) == before)
        #expect(try entries() == ["old.md", "x.md"])
    }

    /// A disk that fills up half way: the original is untouched and no temporary file is left.
    @Test(arguments: [0, 3])
    func aFailedWriteLeavesTheOriginalAndNoTemporaryFile(afterBytes: Int) throws {
        let path = dir + "/x.md"
        try "mine\n".write(toFile: path, atomically: false, encoding: .utf8)
        let before = inode(path)
        let faults = AtomicFile.Faults(failWrite: (afterBytes, ENOSPC))
        let error = #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.write(Array("theirs, much longer\n".utf8), to: path, replace: true, faults: faults)
        }
        #expect(error?.description == "cannot write \(path): No space left on device")
        #expect(try contents(path) == "mine\n")
        #expect(inode(path) == before)
        #expect(try entries() == ["x.md"])
    }

    /// Publishing fails (a file that appeared meanwhile, a file system without hard links): the
    /// temporary file is removed and what was there is untouched, with and without replacing.
    @Test(arguments: [(true, EPERM), (false, EPERM), (false, EEXIST)])
    func aFailedPublishLeavesNoTemporaryFile(replace: Bool, code: Int32) throws {
        let path = dir + "/x.md", other = dir + "/y.md"
        try "mine\n".write(toFile: path, atomically: false, encoding: .utf8)
        let target = replace ? path : other
        let error = #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.write(Array("theirs\n".utf8), to: target, replace: replace, faults: .init(failPublish: code))
        }
        let expected: AtomicFile.Failure = code == EEXIST ? .exists(path: target) : .failed(path: target, reason: "Operation not permitted")
        #expect(error == expected)
        #expect(try contents(path) == "mine\n")
        #expect(try entries() == ["x.md"])
    }

    /// A symlink planted at the temporary name is neither followed nor replaced.
    @Test func aSymlinkAtTheTemporaryNameIsNotFollowed() throws {
        let victim = dir + "/victim", path = dir + "/x.md"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(symlink(victim, dir + "/.x.md.tmp") == 0)
        let error = #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.write(Array("evil\n".utf8), to: path, replace: true, faults: .init(temporaryName: ".x.md.tmp"))
        }
        #expect(error?.description.hasPrefix("cannot write \(path): ") == true)
        #expect(try contents(victim) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        // With fresh names (the normal path) the write succeeds beside the planted link.
        try AtomicFile.write("fine\n", to: path, replace: false)
        #expect(try contents(victim) == "precious\n")
    }

    /// `--force` replaces only a regular file: a FIFO, a symlink or a directory is refused.
    @Test func replaceRefusesAnythingButARegularFile() throws {
        let fifo = dir + "/fifo", link = dir + "/link", sub = dir + "/sub"
        #expect(mkfifo(fifo, 0o600) == 0)
        try "target\n".write(toFile: dir + "/target", atomically: false, encoding: .utf8)
        #expect(symlink(dir + "/target", link) == 0)
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        for (path, kind) in [(fifo, "a FIFO"), (link, "a symbolic link"), (sub, "a directory")] {
            #expect(throws: AtomicFile.Failure.notRegular(path: path, kind: kind)) {
                try AtomicFile.write("x\n", to: path, replace: true)
            }
        }
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        #expect(try contents(dir + "/target") == "target\n")
        #expect(try entries() == ["fifo", "link", "sub", "target"])
    }

    @Test func pathErrorsNameTheUsersPathAndTheReason() throws {
        let missing = "/nonexistent-dmaown-\(UUID().uuidString)/x.md"
        #expect(throws: AtomicFile.Failure.failed(path: missing, reason: "No such file or directory")) {
            try AtomicFile.write("x", to: missing, replace: true)
        }
        #expect(throws: AtomicFile.Failure.failed(path: dir + "/", reason: "names a directory, not a file")) {
            try AtomicFile.write("x", to: dir + "/", replace: false)
        }
        try "f".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        #expect(throws: AtomicFile.Failure.failed(path: dir + "/file/x.md", reason: "a part of the path is not a directory")) {
            try AtomicFile.write("x", to: dir + "/file/x.md", replace: false)
        }
    }

    @Test func aReplacedFileKeepsItsMode() throws {
        let path = dir + "/x.md"
        try "mine\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chmod(path, 0o600) == 0)
        try AtomicFile.write("theirs\n", to: path, replace: true)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
    }
}
