import Glibc

/// Reading a whole input file safely: only a regular file is read (a FIFO would block, a device
/// node like /dev/zero never ends), never more than a size cap, and a failure says the real reason
/// in words (`Permission denied`, `is a directory`, `is a FIFO`), never a framework's error code.
public enum FileRead {
    /// Why a file could not be read; `reason` is worded for the end of an error line.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public init(path: String, reason: String) { self.path = path; self.reason = reason }
        public var description: String { "\(path): \(reason)" }
    }

    /// The bytes of the regular file at `path` (a symlink to one is followed), at most `limit` bytes.
    public static func bytes(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return .failure(Failure(path: path, reason: reason(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(Failure(path: path, reason: reason(errno))) }
        if let kind = kind(st.st_mode) { return .failure(Failure(path: path, reason: "is \(kind), not a regular file")) }
        if Int(st.st_size) > limit { return .failure(Failure(path: path, reason: "is larger than \(limit) bytes")) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(path: path, reason: reason(errno)))
            }
            if n == 0 { return .success(out) }
            // sysfs files report a size of 4096 whatever they hold, so the cap is checked while reading too.
            if out.count + n > limit { return .failure(Failure(path: path, reason: "is larger than \(limit) bytes")) }
            out.append(contentsOf: buffer[..<n])
        }
    }

    /// "a directory", "a FIFO", … for anything that is not a regular file; nil for a regular file.
    public static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    /// `strerror` in words, with the two reasons people most often misread spelled out.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ELOOP: "too many levels of symbolic links (a symlink loop?)"
        case ENOTDIR: "a part of the path is not a directory"
        default: String(cString: strerror(code))
        }
    }
}
