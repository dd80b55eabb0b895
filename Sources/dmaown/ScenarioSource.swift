import DMAOwnScenario

/// Finds the scenario a command names.
enum ScenarioSource {
    /// Loads the scenario file at `name`; errors name the file, line and offending value.
    static func load(_ name: String) throws(InputError) -> Scenario {
        do {
            return try ScenarioLoader.load(path: name)
        } catch {
            throw InputError(description: error.description)
        }
    }
}
