import ArgumentParser
import DMAOwnEngine
import DMAOwnScenario
import Foundation

/// Where a command's text goes: standard output, or a file written atomically that is not
/// overwritten without `--force`.
enum CommandOutput {
    /// Writes `text` to standard output, or to `path`; a refusal is `InputError.exit` for `command`.
    /// `human` text (not JSON or TOML, which escape their own strings) passes the one sanitiser.
    static func emit(_ text: String, to path: String?, force: Bool, command: String, human: Bool) throws {
        let text = human ? DisplayText.lines(text) : text
        guard let path else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        do { try AtomicFile.write(text, to: path, replace: force) } catch { throw InputError.exit(command, "\(error)") }
    }
}
