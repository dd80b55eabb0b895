import Foundation
import DMAOwnScenario
import DMAOwnTUI

/// Saving and loading traces for the `w`/`o` keys: a save never leaves a half-written file.
public enum TraceFiles {
    /// Writes `text` to a temporary name in the same directory, fsyncs it and renames it over `path`.
    public static func saveAtomically(_ text: String, to path: String) -> FileError? {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return failure("cannot write", path) }
        var ok = true
        let bytes = Array(text.utf8)
        var done = 0
        while ok, done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno != EINTR { ok = false } } else { done += n }
        }
        if ok, fsync(fd) != 0 { ok = false }
        let err = errno
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            let e = ok ? errno : err
            unlink(tmp)
            return FileError("cannot write \(path): \(String(cString: strerror(e)))")
        }
        // Make the rename itself durable.
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
        return nil
    }

    /// Writes an export as `dmaown export -o` does: atomically, over an existing file only when asked.
    public static func writeExport(_ text: String, to path: String, overwrite: Bool) -> FileError? {
        do throws(OutputFile.WriteError) {
            try OutputFile.write(text, to: path, force: overwrite)
            return nil
        } catch .exists {
            return FileError("\(path) already exists", exists: true)
        } catch {
            return FileError(error.description)
        }
    }

    /// Reads and decodes the trace at `path`.
    public static func load(_ path: String) -> Result<Trace, FileError> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(failure("cannot read", path)) }
        do {
            return .success(try Trace.decode(String(decoding: data, as: UTF8.self), source: path))
        } catch {
            return .failure(FileError(error.description))
        }
    }

    private static func failure(_ what: String, _ path: String) -> FileError {
        FileError("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
