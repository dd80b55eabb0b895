import DMAOwnExplorer

/// What sits on top of the panes and takes the keys first; Esc backs out of each.
public enum Overlay: Sendable, Equatable {
    case help
    case command(CommandInput)
    case add(AddDialog)
    case prompt(PathPrompt)
    case explorer(ExplorerView)
    case confirmQuit
    case picker(ListPicker)
    /// Every invariant broken so far along the applied schedule, with the step that broke it;
    /// the selected one is the row Enter jumps to.
    case violations(selected: Int)
    /// The kept branches (`b`); the selected one is what Enter switches to.
    case branches(selected: Int)
}

/// A one-line path prompt for saving or loading a trace, or exporting the timeline.
public struct PathPrompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable { case save, load, export, scenario }
    public var purpose: Purpose
    public var text: String
    /// The user was told what Enter would lose (unsaved steps, an existing file) and may confirm
    /// with Enter again; any edit to the path asks afresh.
    public var confirming: Bool
    public init(purpose: Purpose, text: String, confirming: Bool = false) {
        self.purpose = purpose; self.text = text; self.confirming = confirming
    }
}

/// The explorer overlay: progress while it runs, then its results with a selected row.
public struct ExplorerView: Sendable, Equatable {
    public var progress: ExplorationProgress?
    public var result: Exploration?
    /// Index into `ExplorerRow.rows(result)` (outcomes, then violations) of the row Enter loads.
    public var selected: Int = 0
    public init(progress: ExplorationProgress? = nil, result: Exploration? = nil) {
        self.progress = progress; self.result = result
        selected = result.map(ExplorerRow.initial) ?? 0
    }
}
