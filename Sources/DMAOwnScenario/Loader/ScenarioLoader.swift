import DMAOwnEngine
import Foundation

/// Reads scenario files (README: Scenario files): the whole file is validated, names resolved and the setup
/// run before anything else sees the scenario, so a bad file is one clear error, never a partial load.
public enum ScenarioLoader {
    /// Reads and validates the scenario file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let bytes: [UInt8]
        switch FileRead.bytes(path, limit: maxFileSize) {
        case .success(let b): bytes = b
        case .failure(let e): throw ScenarioError(file: path, line: 0, value: path, message: "cannot read scenario file: \(e.reason)")
        }
        switch InputText.decode(bytes) {
        case .success(let text): return try parse(text, source: path)
        case .failure(let p): throw ScenarioError(file: path, line: p.line, value: "", message: p.description)
        }
    }

    /// Larger than any machine's scenario (10,000 devices take about 400 KB): past this a path is
    /// surely not a scenario (a device node, a log), and reading it whole would only cost time.
    public static let maxFileSize = 64 << 20

    /// Validates `text` as a scenario; `source` names it in errors (a path or `built-in:NAME`).
    public static func parse(_ text: String, source: String) throws(ScenarioError) -> Scenario {
        let document: TOMLDocument
        switch TOMLDocument.parse(text) {
        case .success(let d): document = d
        case .failure(let p):
            switch p.kind {
            case .text: throw ScenarioError(file: source, line: p.line, value: "", message: p.reason)
            case .refused: throw ScenarioError(file: source, line: p.line, value: p.value, message: "invalid TOML: \(p.reason)")
            case .syntax: throw ScenarioError(file: source, line: p.line, value: p.value, message: "invalid TOML: \(p.reason) in \(DisplayText.quote(p.value))")
            }
        }
        let reader = ScenarioReader(root: document.table, text: text, source: source, index: document.index)
        let scenario = try reader.read()
        if case .failure(let e) = scenario.prepare() {
            throw ScenarioError(file: source, line: e.line, value: e.operationLine, message: e.message)
        }
        // A lesson opens under each scheme its goal names: its setup must succeed there too.
        for (i, id) in (scenario.goal?.schemes ?? []).enumerated() {
            if case .failure(let e) = scenario.prepare(scheme: id) {
                throw ScenarioError(file: source, line: document.index.line(of: ["goal", "schemes"], item: i), value: id.rawValue, message: "[goal] scheme: \(e.message)")
            }
        }
        return scenario
    }
}
