/// The formats `dmaown export` and the TUI's `e` write, each for a different reader.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// A design document: title, scheme, a table of steps with the ownership state after each.
    case markdown
    /// A `sequenceDiagram` that renders on GitHub and in most wikis.
    case mermaid
    /// Graphviz: the explored state graph with the schedule's path highlighted.
    case dot
    /// The trace (README: Traces), which `dmaown replay` and the TUI load.
    case json
    /// Numbered steps as `dmaown check` prints them, for mail and terminals.
    case text

    /// The file name extension people expect for the format.
    public var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .mermaid: "mmd"
        case .dot: "dot"
        case .json: "json"
        case .text: "txt"
        }
    }
}
