import Foundation
import DMAOwnScenario
import DMAOwnTUI

/// Saving and loading traces for the `w`/`o` keys: a save never leaves a half-written file.
public enum TraceFiles {
    /// Writes a trace for `w`, or an export for `e`, through the one atomic writer: an existing
    /// file only with `overwrite`, and never anything but a regular file.
    public static func write(_ text: String, to path: String, overwrite: Bool) -> FileError? {
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(text, to: path, replace: overwrite)
            return nil
        } catch .exists {
            return FileError("\(path) already exists", exists: true)
        } catch {
            return FileError(error.description)
        }
    }

    /// Reads and decodes the trace at `path`, as `replay` does.
    public static func load(_ path: String) -> Result<Trace, FileError> {
        do throws(TraceError) {
            return .success(try Trace.load(path: path))
        } catch {
            return .failure(FileError(error.description))
        }
    }
}
