import Foundation

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
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
        return join(directory(of: path), target)
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
