import Foundation
import Glibc

/// Reading sysfs symlinks the way the kernel wrote them: a link's target is resolved against the
/// link's own directory, so the import follows the tree it was given and never guesses a path.
enum SysfsPath {
    /// `relative` resolved against `directory` (or taken as is when absolute), `.` and `..` removed
    /// lexically, as the kernel means a relative link target.
    static func join(_ directory: String, _ relative: String) -> String {
        let start = relative.hasPrefix("/") ? relative : directory + "/" + relative
        var parts: [Substring] = []
        for part in start.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return start.hasPrefix("/") ? "/" + joined : joined
    }

    /// Where the symlink at `path` points, resolved; nil when `path` is not a symlink.
    static func resolveLink(_ path: String) -> String? {
        guard case .success(let target?) = readLink(path) else { return nil }
        return join(directory(of: path), target)
    }

    /// The target of the symlink at `path` as written; nil when nothing is there, and the reason
    /// in words when it cannot be read (a directory without permission must not read as "unbound").
    static func readLink(_ path: String) -> Result<String?, FileRead.Failure> {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        if n >= 0 { return .success(String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        let code = errno
        if code == ENOENT { return .success(nil) }
        if code == EINVAL { return .failure(FileRead.Failure(path: path, reason: "is not a symbolic link")) }
        return .failure(FileRead.Failure(path: path, reason: FileRead.reason(code)))
    }

    /// The entries of directory `dir`, sorted; the reason in words when it cannot be listed.
    static func list(_ dir: String) -> Result<[String], FileRead.Failure> {
        guard let d = opendir(dir) else { return .failure(FileRead.Failure(path: dir, reason: FileRead.reason(errno))) }
        defer { closedir(d) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        if errno != 0 { return .failure(FileRead.Failure(path: dir, reason: FileRead.reason(errno))) }
        return .success(names.sorted())
    }

    /// Whether `path` is a directory (following links); the reason when it cannot be looked at,
    /// nil reason when it simply does not exist.
    static func directoryStatus(_ path: String) -> (isDirectory: Bool, failure: FileRead.Failure?) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            return (false, code == ENOENT ? nil : FileRead.Failure(path: path, reason: FileRead.reason(code)))
        }
        if st.st_mode & S_IFMT == S_IFDIR { return (true, nil) }
        return (false, FileRead.Failure(path: path, reason: "is \(FileRead.kind(st.st_mode) ?? "a regular file"), not a directory"))
    }

    /// Whether anything (file, directory or link) sits at `path`, without following a final link.
    static func exists(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
