import ArgumentParser
import DMAOwnScenario
import Foundation

/// A command that cannot use its input: one line on standard error, then exit status 2
/// (CONTRACT §3), the same for every subcommand.
enum CommandFailure {
    /// Prints `message` on standard error and returns the exit status 2 to throw.
    static func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("dmaown: \(message)\n".utf8))
        return ExitCode(2)
    }

    /// Writes `text` to standard output, or atomically to `path` (refusing to overwrite without `force`).
    static func emit(_ text: String, to path: String?, force: Bool) throws {
        guard let path else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        do { try OutputFile.write(text, to: path, force: force) } catch { throw usage("\(error)") }
    }
}
