import DMAOwnScenario

/// The list of built-in scenarios behind `p`: move with j/k, Enter opens one.
///
/// Opening replaces the session, so with unsaved steps the first Enter only asks (`confirming`)
/// and a second Enter on the same row opens it.
public struct ScenarioPicker: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var title: String
    }
    public var entries: [Entry]
    public var selected: Int
    /// The row whose Enter has already been asked about once.
    public var confirming: Int?

    /// Every built-in scenario, with the one open now (if it is built in) selected.
    public init(current source: String) {
        entries = BuiltinScenarios.all.map { e in
            Entry(name: e.name, title: (try? BuiltinScenarios.load(e.name).title) ?? e.name)
        }
        selected = entries.firstIndex { "built-in:\($0.name)" == source } ?? 0
    }

    mutating func move(_ delta: Int) {
        selected = min(max(0, selected + delta), entries.count - 1)
        confirming = nil
    }
}
