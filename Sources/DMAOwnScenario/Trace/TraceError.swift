import DMAOwnEngine

/// Why a trace cannot be read or replayed: one line naming the file and, when it is one step's
/// fault, the entry (`steps[N]`, 0-based as in the JSON array).
public struct TraceError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// The index into `steps` of the entry that does not fit, when one is to blame.
    public var entry: Int?
    public var message: String

    public init(file: String, entry: Int? = nil, message: String) {
        self.file = file; self.entry = entry; self.message = message
    }

    /// `FILE: steps[N]: message`, or `FILE: message`.
    public var description: String {
        DisplayText.line(entry.map { "\(file): steps[\($0)]: \(message)" } ?? "\(file): \(message)")
    }
}
