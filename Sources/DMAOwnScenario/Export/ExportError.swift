/// Why an export could not be written; `description` is the one line to show.
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The schedule does not fit the scenario.
    case badSchedule(TimelineError)
    /// The state graph is too large to draw.
    case tooLarge(states: Int, limit: Int)

    public var description: String {
        switch self {
        case .badSchedule(let e): "the schedule does not fit the scenario: \(e)"
        case .tooLarge(let states, let limit):
            "the state graph has \(states) states; DOT export draws at most \(limit) (try --format mermaid or markdown)"
        }
    }
}
