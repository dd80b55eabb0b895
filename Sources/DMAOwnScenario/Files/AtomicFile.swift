import Glibc

/// The one way dmaown writes a file (TUI saves and exports, `export -o`, `import-sysfs -o`, and
/// any later progress or config file): all at once, so a reader never sees half a file, a crash
/// or a full disk never destroys what was there, and nothing but a regular file is ever replaced.
///
/// The text goes to a temporary file created exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`, so a
/// symlink or file planted at its name is never followed or reused) in the target's directory,
/// is flushed to disk, and is then published in one step: `rename(2)` over a regular file when
/// replacing was asked for, else `link(2)`, which refuses a file that appeared meanwhile.
public enum AtomicFile {
    /// Why the file was not written; each names the user's path and says why in words.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// A file is there and replacing it was not asked for.
        case exists(path: String)
        /// Something other than a regular file is there (a FIFO, a device node, a directory, a
        /// symlink); even with `--force` it is not replaced.
        case notRegular(path: String, kind: String)
        /// Writing failed: `reason` is the system's words (`No space left on device`).
        case failed(path: String, reason: String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path): already exists (use --force to overwrite it)"
            case .notRegular(let path, let kind): "\(path): is \(kind), not a regular file; only a regular file is replaced"
            case .failed(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// Test seams: where writing should fail, as a full disk would, and the temporary name to use.
    struct Faults {
        /// Fail the data write with this errno after this many bytes.
        var failWrite: (afterBytes: Int, errno: Int32)?
        /// Use exactly this temporary name (in the target's directory) instead of a fresh one.
        var temporaryName: String?
        /// Fail publishing (`rename(2)` or `link(2)`) with this errno, as a file system without
        /// hard links or a file that appeared meanwhile would.
        var failPublish: Int32?
        static let none = Faults()
    }

    /// Writes `text` to `path`; an existing regular file is replaced only when `replace` is true.
    public static func write(_ text: String, to path: String, replace: Bool) throws(Failure) {
        try write(Array(text.utf8), to: path, replace: replace, faults: .none)
    }

    /// Writes `bytes` to `path` with file mode `mode` from the moment it appears (`dmaown install`:
    /// an installed binary is executable as soon as it is there, never a moment later).
    public static func write(_ bytes: [UInt8], to path: String, replace: Bool, mode: mode_t) throws(Failure) {
        try write(bytes, to: path, replace: replace, faults: .none, mode: mode)
    }

    static func write(_ bytes: [UInt8], to path: String, replace: Bool, faults: Faults, mode newMode: mode_t? = nil) throws(Failure) {
        if path.isEmpty { throw .failed(path: "''", reason: "the file name is empty") }
        if path.hasSuffix("/") { throw .failed(path: path, reason: "names a directory, not a file") }
        let (dir, name) = split(path)
        var mode: mode_t = newMode ?? 0o666
        var st = stat()
        if lstat(path, &st) == 0 {
            if let kind = FileRead.kind(st.st_mode) { throw .notRegular(path: path, kind: kind) }
            if !replace { throw .exists(path: path) }
            mode = newMode ?? st.st_mode & 0o7777
        } else if errno != ENOENT {
            throw .failed(path: path, reason: FileRead.reason(errno))
        }

        var temp = "", fd: Int32 = -1
        for attempt in 0..<16 {
            let unique = faults.temporaryName ?? ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            temp = dir + "/" + unique
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 || errno != EEXIST || faults.temporaryName != nil || attempt == 15 { break }
        }
        guard fd >= 0 else {
            let code = errno
            throw .failed(path: path, reason: code == EEXIST ? "a file is in the way of the temporary file \(temp)" : FileRead.reason(code))
        }
        // open(2) applied the umask; a replaced file keeps its own mode, an asked-for mode is exact.
        if st.st_mode != 0 || newMode != nil { fchmod(fd, mode) }

        var done = 0, failure: Int32 = 0
        while done < bytes.count {
            var chunk = bytes.count - done
            if let f = faults.failWrite {
                if done >= f.afterBytes { failure = f.errno; break }
                chunk = min(chunk, f.afterBytes - done)
            }
            let n = bytes[done..<(done + chunk)].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            done += n
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temp)
            throw .failed(path: path, reason: FileRead.reason(failure))
        }

        let published: Int32
        if let code = faults.failPublish { errno = code; published = -1 } else { published = replace ? rename(temp, path) : link(temp, path) }
        let code = errno
        if !replace || published != 0 { unlink(temp) }
        if published != 0 {
            if code == EEXIST { throw .exists(path: path) }
            throw .failed(path: path, reason: FileRead.reason(code))
        }
        // Make the new directory entry itself durable.
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// The directory (`.` for a bare name) and the file name of `path`.
    static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = slash == path.startIndex ? "/" : String(path[..<slash])
        return (dir, String(path[path.index(after: slash)...]))
    }
}
