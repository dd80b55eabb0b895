import ArgumentParser
import DMAOwnEngine

/// The one error a command throws for input that cannot be used (a bad file, a bad value, options
/// that do not go together). `DMAOwn.main` prints it as one line on stderr, `dmaown COMMAND:
/// message`, and exits with status 2, so no command prints or exits on its own.
struct InputError: Error, CustomStringConvertible {
    /// The subcommand the line names (`check`, `export`, ...), or nil for the TUI and top level.
    var command: String?
    var description: String

    init(_ command: String?, _ message: String) { self.command = command; description = message }

    /// The input error for `command`, for `throw InputError.exit("check", message)`.
    static func exit(_ command: String, _ message: String) -> InputError { InputError(command, message) }

    /// The line printed on stderr, control and bidi characters made visible (one line, always).
    var line: String { "dmaown\(command.map { " " + $0 } ?? ""): \(DisplayText.line(description))" }
}
