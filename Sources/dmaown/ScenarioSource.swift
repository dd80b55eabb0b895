import DMAOwnScenario
import Foundation

/// Finds the scenario a command names: a file path, or else a built-in scenario's name.
enum ScenarioSource {
    /// Loads the file at `name`, or the built-in scenario `name` when no such file exists; errors
    /// name the file, line and offending value.
    static func load(_ name: String) throws(ScenarioError) -> Scenario {
        if !FileManager.default.fileExists(atPath: name), BuiltinScenarios.named(name) != nil {
            return try BuiltinScenarios.load(name)
        }
        return try ScenarioLoader.load(path: name)
    }
}
