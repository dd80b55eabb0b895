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
        // Every format but JSON (which escapes its own strings) is read by people: one sanitiser
        // on top of each format's own escaping, so no name reaches a terminal or a page raw.
        switch format {
        case .markdown: return DisplayText.lines(MarkdownExporter.render(scenario, timeline))
        case .mermaid: return DisplayText.lines(MermaidExporter.render(scenario, timeline))
        case .dot: return DisplayText.lines(try DotExporter.render(scenario, timeline, graph: graph ?? DotExporter.pathGraph(timeline)))
        case .json: return JSONExporter.render(scenario, timeline)
        case .text: return DisplayText.lines(TextExporter.render(scenario, timeline))
        }
    }
}
