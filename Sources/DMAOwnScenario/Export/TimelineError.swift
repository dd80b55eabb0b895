/// A schedule that does not fit its scenario (a hand-edited trace, a trace from another version).
public struct TimelineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 0-based index of the offending choice.
    public let index: Int
    public let message: String
    public init(index: Int, message: String) { self.index = index; self.message = message }
    public var description: String { "step \(index + 1): \(message)" }
}
