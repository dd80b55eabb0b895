extension BuiltinScenarios {
    /// One line per built-in scenario, name and title in aligned columns, for `dmaown scenarios`.
    ///
    /// Kept here rather than in the command so the format is tested with the library.
    public static func listing() -> String {
        let width = all.map(\.name.count).max() ?? 0
        return all.map { entry in
            let title: String
            do throws(ScenarioError) { title = try load(entry.name).title } catch { title = "(broken: \(error.description))" }
            let pad = String(repeating: " ", count: width - entry.name.count)
            return "\(entry.name)\(pad)  \(title)"
        }.joined(separator: "\n") + "\n"
    }
}
