/// The scenarios bundled in the binary, each showing one idea, so a teacher or reviewer can start
/// without writing a file; `dmaown scenarios show NAME` prints one as a starting point to edit.
public enum BuiltinScenarios {
    /// Every built-in scenario's name and TOML text, in teaching order.
    public static let all: [(name: String, text: String)] = [
        s1, s2, s3, s4, s5, s6, s7, s8,
        notifierBugOn, v6NestedClaim,
        robinCase1, robinCase2, robinCase3, robinCase4, robinStaleOwner,
        bridgeGroup, busyMachine,
    ]

    /// The scenario the TUI opens when none is named: the race every design must get right.
    public static let defaultName = "s5-bind-vs-claim"

    /// The TOML text of the built-in scenario `name`, if there is one.
    public static func named(_ name: String) -> String? {
        all.first { $0.name == name }?.text
    }

    /// Loads the built-in scenario `name`; its errors name the source `built-in:NAME`.
    public static func load(_ name: String) throws(ScenarioError) -> Scenario {
        guard let text = named(name) else {
            throw ScenarioError(file: "built-in:\(name)", line: 0, value: name,
                                message: "no built-in scenario named '\(name)' (list them with 'dmaown scenarios')")
        }
        return try ScenarioLoader.parse(text, source: "built-in:\(name)")
    }
}
