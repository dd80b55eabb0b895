/// Where a scenario's operations sit in its text, kept from loading so errors found later (a
/// setup that fails under another scheme, too many threads to explore) still name their line.
public struct ScenarioLines: Sendable, Equatable {
    /// The line of each `setup` item.
    public var setupItems: [Int]
    /// The lines of the `setup` and `threads` keys; 0 when the scenario was not read from text.
    public var setupKey: Int
    public var threadsKey: Int

    public init(setupItems: [Int] = [], setupKey: Int = 0, threadsKey: Int = 0) {
        self.setupItems = setupItems; self.setupKey = setupKey; self.threadsKey = threadsKey
    }
}
