import DMAOwnEngine
import Foundation
import TOMLKit

/// Reads scenario files (README: Scenario files): the whole file is validated, names resolved and the setup
/// run before anything else sees the scenario, so a bad file is one clear error, never a partial load.
public enum ScenarioLoader {
    /// Reads and validates the scenario file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: 0, value: path, message: "cannot read scenario file '\(path)'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, line: 0, value: path, message: "scenario file '\(path)' is not UTF-8 text")
        }
        return try parse(text, source: path)
    }

    /// Validates `text` as a scenario; `source` names it in errors (a path or `built-in:NAME`).
    public static func parse(_ text: String, source: String) throws(ScenarioError) -> Scenario {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            let line = max(1, e.source.begin.line)
            let lines = ScenarioText.split(text)
            let offending = lines.indices.contains(line - 1) ? lines[line - 1].trimmingCharacters(in: " \t\r") : ""
            throw ScenarioError(file: source, line: line, value: offending, message: "invalid TOML: \(e.description) in '\(offending)'")
        } catch {
            throw ScenarioError(file: source, line: 1, value: "", message: "invalid TOML: \(error)")
        }
        let reader = ScenarioReader(root: table, text: text, source: source)
        let scenario = try reader.read()
        if case .failure(let e) = scenario.prepare() {
            throw ScenarioError(file: source, line: e.line, value: e.operationLine, message: e.message)
        }
        return scenario
    }
}
