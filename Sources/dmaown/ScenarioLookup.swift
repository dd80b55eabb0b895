import Glibc
import DMAOwnScenario

/// Finds the scenario a command names: an existing file (or anything that looks like a path) is
/// read as TOML, anything else is a built-in scenario's name.
enum ScenarioLookup {
    static var defaultName: String { BuiltinScenarios.defaultName }

    /// The scenario, or the loader's one-line error naming the file, line and value.
    static func load(_ nameOrPath: String) throws(ScenarioError) -> Scenario {
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") || access(nameOrPath, F_OK) == 0
        return looksLikePath ? try ScenarioLoader.load(path: nameOrPath) : try BuiltinScenarios.load(nameOrPath)
    }
}
