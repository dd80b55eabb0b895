import DMAOwnEngine

/// One entry point for every export format, so the `export` command and the TUI's `e` write the
/// same bytes for the same timeline.
public enum Exporter {
    /// `scenario` played from `initial` along `schedule` (0-based threads of `run`) in `format`.
    /// For `.dot`, `graph` is the explored state graph; without one the schedule's own path is drawn.
    public static func export(
        _ format: ExportFormat, scenario: Scenario, run: Run, initial: World,
        schedule: [(thread: Int, fail: Bool)], graph: ExploredGraph? = nil
    ) throws(ExportError) -> String {
        let timeline: Timeline
        do { timeline = try Timeline(run: run, initial: initial, schedule: schedule) } catch { throw .badSchedule(error) }
        switch format {
        case .markdown: return MarkdownExporter.render(scenario, timeline)
        case .mermaid: return MermaidExporter.render(scenario, timeline)
        case .dot: return try DotExporter.render(scenario, timeline, graph: graph ?? DotExporter.pathGraph(timeline))
        case .json: return JSONExporter.render(scenario, timeline)
        case .text: return TextExporter.render(scenario, timeline)
        }
    }
}

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
