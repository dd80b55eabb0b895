/// What a key asks for, independent of which key it was (the key table maps one to the other).
public enum KeyAction: Sendable, Hashable {
    case stepNumbered, stepSelected, stepFailure
    case undo, redo, branches, previousBranch, nextBranch
    case up, down, pageUp, pageDown, first, last, previousPane, nextPane, focusLeft, focusRight
    case addDialog, commandLine
    case switchScheme, compare, randomStep, randomRun, explore, violations
    case save, load, export, writeScenario, pickScenario
    case toggleMouse, cycleTheme, rememberTheme, redraw, help, quit
    case hint, lessons, challenge
}

/// One row of the key table: the keys, how the help writes them, what they do, and the panes
/// whose status-bar hint lists them (empty: every pane).
public struct KeyBinding: Sendable {
    public let keys: [KeyEvent]
    public let label: String
    public let action: KeyAction
    public let help: String
    /// Short form for the status bar, or nil to leave it to the help.
    public let hint: String?
    public let panes: [Pane]
}

/// The single table that both dispatches keys and writes the help overlay, so they cannot disagree.
public enum KeyTable {
    /// Every key binding, in the order the help lists them.
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: (1...9).map { .char(Character(String($0))) }, label: "1-9", action: .stepNumbered,
                   help: "step thread N", hint: "1-9 step", panes: []),
        KeyBinding(keys: [.enter, .char(" ")], label: "Enter Space", action: .stepSelected,
                   help: "step the selected thread", hint: "Enter step", panes: [.threads]),
        KeyBinding(keys: [.char("f")], label: "f", action: .stepFailure,
                   help: "step the selected thread down its failure branch (may_fail)", hint: "f fail", panes: [.threads]),
        KeyBinding(keys: [.char("u"), .backspace], label: "u Bksp", action: .undo,
                   help: "undo the last step", hint: "u undo", panes: []),
        KeyBinding(keys: [.ctrl("r")], label: "^R", action: .redo,
                   help: "redo an undone step", hint: "^R redo", panes: []),
        KeyBinding(keys: [.char("b")], label: "b", action: .branches,
                   help: "list the branches: futures kept when stepping from an earlier row", hint: "b branches", panes: [.timeline]),
        KeyBinding(keys: [.char("[")], label: "[", action: .previousBranch,
                   help: "switch to the previous branch, at the row where it parts", hint: nil, panes: []),
        KeyBinding(keys: [.char("]")], label: "]", action: .nextBranch,
                   help: "switch to the next branch, at the row where it parts", hint: nil, panes: []),
        KeyBinding(keys: [.up, .char("k")], label: "Up k", action: .up,
                   help: "previous device, thread or timeline row (shows that world)", hint: nil, panes: []),
        KeyBinding(keys: [.down, .char("j")], label: "Down j", action: .down,
                   help: "select next; stepping from an earlier timeline row branches", hint: "jk row", panes: [.timeline]),
        KeyBinding(keys: [.pageUp], label: "PgUp", action: .pageUp,
                   help: "ten rows up", hint: nil, panes: []),
        KeyBinding(keys: [.pageDown], label: "PgDn", action: .pageDown,
                   help: "ten rows down", hint: nil, panes: []),
        KeyBinding(keys: [.home, .char("g")], label: "Home g", action: .first,
                   help: "first row (in the timeline: the initial world)", hint: nil, panes: []),
        KeyBinding(keys: [.end, .char("G")], label: "End G", action: .last,
                   help: "last row (in the timeline: the newest step)", hint: nil, panes: []),
        KeyBinding(keys: [.left, .char("h")], label: "Left h", action: .focusLeft,
                   help: "focus the pane to the left", hint: nil, panes: []),
        KeyBinding(keys: [.right, .char("l")], label: "Right l", action: .focusRight,
                   help: "focus the pane to the right", hint: nil, panes: []),
        KeyBinding(keys: [.tab], label: "Tab", action: .nextPane,
                   help: "next pane", hint: "Tab pane", panes: []),
        KeyBinding(keys: [.backTab], label: "S-Tab", action: .previousPane,
                   help: "previous pane", hint: nil, panes: []),
        KeyBinding(keys: [.char("a")], label: "a", action: .addDialog,
                   help: "add an operation (pick verb, then operands)", hint: "a add", panes: [.threads]),
        KeyBinding(keys: [.char(":")], label: ":", action: .commandLine,
                   help: "operation, scheme, seed, compare; owner, driver, device add names", hint: ": cmd", panes: [.threads]),
        KeyBinding(keys: [.char("s")], label: "s", action: .switchScheme,
                   help: "switch scheme (pick one) and replay the schedule", hint: "s scheme", panes: []),
        KeyBinding(keys: [.char("c")], label: "c", action: .compare,
                   help: "split view: this schedule under a second scheme, differences marked", hint: nil, panes: []),
        KeyBinding(keys: [.char("r")], label: "r", action: .randomStep,
                   help: "one random step", hint: "r rand", panes: [.threads, .timeline]),
        KeyBinding(keys: [.char("R")], label: "R", action: .randomRun,
                   help: "random run to the end", hint: nil, panes: []),
        KeyBinding(keys: [.char("x")], label: "x", action: .explore,
                   help: "explore every interleaving from the selected row (Esc cancels)", hint: "x explore", panes: []),
        KeyBinding(keys: [.char("v")], label: "v", action: .violations,
                   help: "list every invariant broken so far, with its step (Enter jumps there)", hint: "v violations", panes: [.timeline]),
        KeyBinding(keys: [.char("w")], label: "w", action: .save,
                   help: "save the trace", hint: nil, panes: []),
        KeyBinding(keys: [.char("o")], label: "o", action: .load,
                   help: "load a trace", hint: nil, panes: []),
        KeyBinding(keys: [.char("e")], label: "e", action: .export,
                   help: "export the timeline (.md .mmd .dot .json .txt picks the format)", hint: nil, panes: []),
        KeyBinding(keys: [.char("W")], label: "W", action: .writeScenario,
                   help: "write the scenario (names added, threads, scheme) as a TOML file", hint: nil, panes: []),
        KeyBinding(keys: [.char("p")], label: "p", action: .pickScenario,
                   help: "pick a built-in scenario to open", hint: "p scenarios", panes: []),
        KeyBinding(keys: [.char("t")], label: "t", action: .cycleTheme,
                   help: "next theme", hint: nil, panes: []),
        KeyBinding(keys: [.char("T")], label: "T", action: .rememberTheme,
                   help: "remember this theme for next time (config.toml)", hint: nil, panes: []),
        KeyBinding(keys: [.char("m")], label: "m", action: .toggleMouse,
                   help: "mouse on/off: click a thread steps it, a timeline row jumps", hint: nil, panes: []),
        KeyBinding(keys: [.ctrl("l")], label: "^L", action: .redraw,
                   help: "redraw the screen", hint: nil, panes: []),
        KeyBinding(keys: [.char("H")], label: "H", action: .hint,
                   help: "next hint of the lesson (dmaown learn)", hint: nil, panes: []),
        KeyBinding(keys: [.char("L")], label: "L", action: .lessons,
                   help: "the course's lesson list (dmaown learn)", hint: nil, panes: []),
        KeyBinding(keys: [.char("X")], label: "X", action: .challenge,
                   help: "challenge mode: hide the explorer's verdict until you break an invariant by hand", hint: nil, panes: []),
        KeyBinding(keys: [.char("?"), .function(1)], label: "? F1", action: .help,
                   help: "this help", hint: "? help", panes: []),
        KeyBinding(keys: [.char("q")], label: "q", action: .quit,
                   help: "quit (asks first if steps are unsaved)", hint: "q quit", panes: []),
    ]

    /// Keys that work inside overlays and prompts, for the help.
    public static let overlayKeys: [(label: String, help: String)] = [
        ("Esc", "back out of any overlay or prompt"),
        ("Tab", "complete a word on the : line"),
        ("Enter", "accept (in explorer results: load a shortest schedule to the selected outcome or violation)"),
        ("f", "in explorer results: search again from the start, or from the selected row"),
    ]

    private static let index: [KeyEvent: Int] = {
        var m: [KeyEvent: Int] = [:]
        for (i, b) in bindings.enumerated() { for k in b.keys where m[k] == nil { m[k] = i } }
        return m
    }()

    /// The binding for `key`, if the table has one.
    public static func binding(for key: KeyEvent) -> KeyBinding? { index[key].map { bindings[$0] } }

    /// The status-bar hints for the focused pane.
    /// Help and quit come first so they survive the narrowest status bar.
    public static func hints(for pane: Pane) -> [String] {
        let shown = bindings.filter { $0.hint != nil && ($0.panes.isEmpty || $0.panes.contains(pane)) }
        let first = shown.filter { $0.action == .help || $0.action == .quit }
        return (first + shown.filter { $0.action != .help && $0.action != .quit }).compactMap(\.hint)
    }
}
