import DMAOwnEngine
import DMAOwnScenario

/// A list to choose one row from: the built-in scenarios behind `p`, the schemes behind `s` and
/// `c` (the scheme to set beside the one in use).
///
/// Opening a scenario replaces the session, so with unsaved steps the first Enter only asks
/// (`confirming`) and a second Enter on the same row opens it.
public struct ListPicker: Sendable, Equatable {
    /// What choosing a row does.
    public enum Purpose: Sendable, Equatable { case scenario, scheme, compare }
    /// One row: the name to act on, a title, and a longer text shown for the selected row.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var title: String
        public var detail: String
    }
    public var purpose: Purpose
    public var entries: [Entry]
    public var selected: Int
    /// The row whose Enter has already been asked about once.
    public var confirming: Int?
    /// The name of the row that is open (or in use) now, marked in the list.
    public var current: String

    /// Every built-in scenario, with the one open now (if it is built in) selected.
    public static func scenarios(current source: String) -> ListPicker {
        let entries = BuiltinScenarios.all.map { e in
            let scenario = try? BuiltinScenarios.load(e.name)
            return Entry(name: e.name, title: scenario?.title ?? e.name, detail: scenario?.description ?? "")
        }
        let name = entries.first { "built-in:\($0.name)" == source }?.name ?? ""
        return ListPicker(purpose: .scenario, entries: entries, current: name)
    }

    /// The six schemes in historical order, with the one in use selected.
    public static func schemes(current: SchemeID) -> ListPicker {
        let entries = Schemes.all.map { Entry(name: $0.id.rawValue, title: $0.info.title, detail: $0.info.summary) }
        return ListPicker(purpose: .scheme, entries: entries, current: current.rawValue)
    }

    init(purpose: Purpose, entries: [Entry], current: String) {
        self.purpose = purpose
        self.entries = entries
        self.current = current
        selected = entries.firstIndex { $0.name == current } ?? 0
    }

    mutating func move(_ delta: Int) {
        selected = min(max(0, selected + delta), entries.count - 1)
        confirming = nil
    }
}
