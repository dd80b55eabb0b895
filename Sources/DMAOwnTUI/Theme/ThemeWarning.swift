import DMAOwnEngine

/// A problem found in a theme file; loading goes on with inherited values, so a warning never stops the UI.
public struct ThemeWarning: Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, so tests and callers can tell the classes apart.
    public enum Kind: String, Sendable, Equatable {
        case syntax, unknownRole, badColor, unknownPaletteName, inheritanceCycle, unknownParent
        case unknownKey, badValue, missingRole, notFound, unreadable
    }

    /// The class of problem, for tests and for callers that treat some classes differently.
    public var kind: Kind
    /// The file (or origin label) the warning is about.
    public var file: String
    /// The 1-based line, when it could be found.
    public var line: Int?
    /// The key at fault, e.g. `roles.text.fg`.
    public var key: String?
    /// What is wrong and what was used instead, worded for a person.
    public var message: String

    public init(kind: Kind, file: String, line: Int?, key: String?, message: String) {
        self.kind = kind; self.file = file; self.line = line; self.key = key; self.message = message
    }

    /// `FILE:LINE: message`, the form compilers use, so editors can jump to it.
    /// Always one line with control characters escaped: warnings reach the tty before the UI starts.
    public var description: String { DisplayText.line("\(file)\(line.map { ":\($0)" } ?? ""): \(message)") }
}
