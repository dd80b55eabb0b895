import DMAOwnScenario
import Foundation

/// Where the course's progress lives and how it is read and written: never required, so a
/// missing file is a fresh course and a broken one a fresh course with a one-line warning.
public enum ProgressFile {
    /// `$XDG_STATE_HOME/dmaown/progress.toml` (an absolute XDG_STATE_HOME, as the XDG spec says),
    /// else `~/.local/state/dmaown/progress.toml`; nil with neither, so progress is not kept.
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/dmaown/progress.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/dmaown/progress.toml" }
        return nil
    }

    /// The progress in the file at `path`, and a warning when it could not be used.
    public static func read(path: String) -> (CourseProgress, String?) {
        guard FileManager.default.fileExists(atPath: path) else { return (CourseProgress(), nil) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (CourseProgress(), "\(path): cannot read the progress file; starting a fresh course")
        }
        return CourseProgress.parse(text, file: path)
    }

    /// Writes progress `text` to `path` through the one atomic writer, creating its folder.
    public static func write(_ text: String, to path: String) -> FileError? {
        let dir = (path as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            return FileError("cannot create \(dir)")
        }
        do throws(AtomicFile.Failure) { try AtomicFile.write(text, to: path, replace: true) } catch {
            return FileError(error.description)
        }
        return nil
    }

    /// Removes the file at `path` (`dmaown learn --reset`); a missing file is already reset.
    public static func reset(path: String) -> FileError? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { try FileManager.default.removeItem(atPath: path) } catch { return FileError("cannot remove \(path)") }
        return nil
    }
}
