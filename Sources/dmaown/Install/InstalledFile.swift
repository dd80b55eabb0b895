import Foundation
import Glibc

/// Writes one installed file: folders created, the bytes written to a temporary name beside it,
/// given their mode, then renamed over the old file, so a running `dmaown` or a reader of the man
/// page never sees half a file. (The same way the TUI saves a trace, until the project has one
/// shared atomic writer.)
enum InstalledFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ data: Data, to path: String, mode: Int) throws(Failure) {
        let dir = (path as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw Failure(description: "\(dir): cannot be created (\(error.localizedDescription))")
        }
        let temp = dir + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temp, contents: data, attributes: [.posixPermissions: mode]) else {
            throw Failure(description: "\(temp): cannot be written (\(String(cString: strerror(errno))))")
        }
        // createFile's permissions pass through the umask; an installed binary must be executable.
        chmod(temp, mode_t(mode))
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw Failure(description: "\(path): cannot be written (\(reason))")
        }
    }
}
