import Foundation

/// Writes an export or an imported scenario to a file all at once: a reader never sees half a
/// file, and someone's existing file is not replaced unless they asked (`force`).
public enum OutputFile {
    /// Why the file was not written; `description` names the path.
    public enum WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        case exists(path: String)
        case failed(path: String, reason: String)
        public var description: String {
            switch self {
            case .exists(let path): "\(path): already exists (use --force to overwrite it)"
            case .failed(let path, let reason): "\(path): cannot be written (\(reason))"
            }
        }
    }

    /// Writes `text` to a temporary name in `path`'s directory, then publishes it as `path` in one
    /// step: a rename with `force`, else a hard link, which fails rather than replace a file.
    public static func write(_ text: String, to path: String, force: Bool) throws(WriteError) {
        let fm = FileManager.default
        if !force && ((try? fm.attributesOfItem(atPath: path)) != nil) { throw .exists(path: path) }
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard fm.createFile(atPath: temp, contents: Data(text.utf8)) else {
            throw .failed(path: path, reason: "cannot create \(temp)")
        }
        // rename(2) replaces atomically; link(2) publishes atomically but refuses an existing
        // file, so a file created since the check above is still not overwritten.
        let published = force ? rename(temp, path) : link(temp, path)
        let code = errno
        if !force || published != 0 { try? fm.removeItem(atPath: temp) }
        if published != 0 {
            if code == EEXIST { throw .exists(path: path) }
            throw .failed(path: path, reason: String(cString: strerror(code)))
        }
    }
}
