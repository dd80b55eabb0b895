import DMAOwnScenario
import Foundation
import Glibc

/// Writes one installed file: its folders created, then the project's one atomic writer, which
/// publishes it whole with its mode, so a running `dmaown` or a reader of the man page never sees
/// half a file and a reinstall replaces the old one in one step.
enum InstalledFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ bytes: [UInt8], to path: String, mode: Int) throws(Failure) {
        let dir = (path as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw Failure(description: "\(dir): cannot be created (\(error.localizedDescription))")
        }
        do { try AtomicFile.write(bytes, to: path, replace: true, mode: mode_t(mode)) } catch {
            throw Failure(description: error.description)
        }
    }
}
