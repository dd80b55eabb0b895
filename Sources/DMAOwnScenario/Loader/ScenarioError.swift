import DMAOwnEngine

/// Why a scenario file cannot be used: one line naming the file, the line and the offending value,
/// so an editor or a person can jump straight to it.
public struct ScenarioError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file path, or `built-in:NAME`.
    public var file: String
    /// The 1-based line the problem is on; 0 when it concerns the file as a whole (unreadable).
    public var line: Int
    /// The offending value exactly as found (a key, a name, an operation line).
    public var value: String
    /// What is wrong, quoting `value`.
    public var message: String

    public init(file: String, line: Int, value: String, message: String) {
        self.file = file; self.line = line; self.value = value; self.message = message
    }

    /// `FILE:LINE: message`, or `FILE: message` for a file that could not be read at all; always
    /// one line, with control characters from the file escaped.
    public var description: String {
        DisplayText.line(line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)")
    }
}
