import DMAOwnEngine

/// The TUI program: a pure reducer and a pure renderer (bubbletea's update/view).
public enum App {
    /// The smallest terminal the layout supports; below it a "need W×H" screen is drawn.
    public static let minimumSize = Size(width: 80, height: 24)

    /// Applies `message` to `state` and returns the side effects for the shell to perform; the split
    /// view's other side follows whatever the message changed.
    @discardableResult
    public static func update(_ state: inout AppState, _ message: Message) -> [Effect] {
        let effects = dispatch(&state, message)
        if let c = state.compare { state.compare = c.synced(with: state) }
        return effects
    }

    static func dispatch(_ state: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        // The course and challenge mode look at every key first and at the state after it.
        case .key(let key): return (lessonKey(&state, key) ?? handleKey(&state, key)) + lessonProgress(&state)
        case .resize(let size): state.size = size; return []
        case .traceLoaded(let result): return traceLoaded(&state, result)
        case .saved(let path, let error): return saved(&state, path: path, error: error)
        case .background(let job, let report):
            let effects = background(&state, job: job, report)
            hideVerdictInChallenge(&state)
            return effects
        case .progressSaved(let path, let error):
            if let error { state.message = StatusMessage(.error, "progress not saved to \(path): \(error.message)") }
            return []
        case .exported(let path, let error): return exported(&state, path: path, error: error)
        case .scenarioWritten(let path, let error): return scenarioWritten(&state, path: path, error: error)
        case .themeRemembered(let theme, let path, let error):
            state.message = error.map { StatusMessage(.error, "theme not remembered: \($0.message)") }
                ?? StatusMessage(.info, "theme \(theme) remembered in \(path)")
            return []
        }
    }

    /// Draws `state` into a buffer of `size`.
    public static func render(_ state: AppState, size: Size, glyphs: Glyphs) -> CellBuffer {
        Screen.render(state, size: size, glyphs: glyphs)
    }

    /// Overlays take keys first; otherwise the key table decides.
    static func handleKey(_ s: inout AppState, _ key: KeyEvent) -> [Effect] {
        if let overlay = s.overlay { return overlayKey(&s, overlay, key) }
        if case .click(let x, let y) = key { return click(&s, x: x, y: y) }
        if key == .scrollUp { return move(&s, by: -1) }
        if key == .scrollDown { return move(&s, by: 1) }
        if key == .escape { s.message = nil; return [] }
        guard let binding = KeyTable.binding(for: key) else { return [] }
        return perform(&s, binding.action, key: key)
    }

    /// Runs one key-table action.
    static func perform(_ s: inout AppState, _ action: KeyAction, key: KeyEvent) -> [Effect] {
        switch action {
        case .stepNumbered:
            guard case .char(let c) = key, let n = c.wholeNumberValue else { return [] }
            s.selectedThread = min(max(0, n - 1), max(0, s.run.operations.count - 1))
            return step(&s, thread: n - 1, fail: false)
        case .stepSelected: return step(&s, thread: s.selectedThread, fail: false)
        case .stepFailure: return step(&s, thread: s.selectedThread, fail: true)
        case .undo: return undo(&s)
        case .redo: return redo(&s)
        case .branches: return openBranches(&s)
        case .previousBranch: return cycleBranch(&s, by: -1)
        case .nextBranch: return cycleBranch(&s, by: 1)
        case .up: return move(&s, by: -1)
        case .down: return move(&s, by: 1)
        case .pageUp: return move(&s, by: -10)
        case .pageDown: return move(&s, by: 10)
        case .first: return move(&s, by: -1_000_000)
        case .last: return move(&s, by: 1_000_000)
        case .nextPane, .focusRight: s.focus = Pane(rawValue: (s.focus.rawValue + 1) % Pane.allCases.count)!; return []
        case .previousPane, .focusLeft:
            s.focus = Pane(rawValue: (s.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!; return []
        case .addDialog: s.overlay = .add(AddDialog()); return []
        case .commandLine: s.message = nil; s.overlay = .command(CommandInput()); return []
        case .switchScheme: s.overlay = .picker(.schemes(current: s.scheme)); return []
        case .compare: return toggleCompare(&s)
        case .randomStep: return randomStep(&s)
        case .randomRun: return randomRun(&s)
        case .explore: return explore(&s)
        case .violations: s.overlay = .violations(selected: 0); return []
        case .save: s.message = nil; s.overlay = .prompt(PathPrompt(purpose: .save, text: s.tracePath)); return []
        case .load: s.message = nil; s.overlay = .prompt(PathPrompt(purpose: .load, text: s.tracePath)); return []
        case .export: s.message = nil; s.overlay = .prompt(PathPrompt(purpose: .export, text: s.exportPath)); return []
        case .writeScenario: s.message = nil; s.overlay = .prompt(PathPrompt(purpose: .scenario, text: s.scenarioPath)); return []
        case .pickScenario: s.overlay = .picker(.scenarios(current: s.scenario.source)); return []
        case .toggleMouse:
            s.wantsMouse.toggle()
            s.message = StatusMessage(.info, s.wantsMouse ? "mouse on: click a thread to step it, a timeline row to jump there, the wheel scrolls; m turns it off"
                                                          : "mouse off: the terminal selects text again")
            return [.setMouse(s.wantsMouse)]
        case .cycleTheme:
            s.themeIndex = (s.themeIndex + 1) % s.themeNames.count
            // The offer to remember it: `T` writes it to the preferences file.
            s.message = StatusMessage(.info, "theme \(s.themeName) (T: remember it for next time)")
            return [.applyTheme(s.themeName)]
        case .rememberTheme:
            return [.rememberTheme(s.themeName)]
        case .redraw: return [.redraw]
        case .help: s.overlay = .help; return []
        case .hint: return nextHint(&s)
        case .lessons: return showLessons(&s)
        case .challenge: return toggleChallenge(&s)
        case .quit:
            if s.hasUnsavedSteps { s.overlay = .confirmQuit; return [] }
            return [.quit]
        }
    }

    /// Moves the selection in the focused pane; in the timeline that shows an earlier world.
    static func move(_ s: inout AppState, by delta: Int) -> [Effect] {
        switch s.focus {
        case .topology:
            s.selectedDevice = clamp(s.selectedDevice + delta, s.run.topology.devices.count)
        case .threads:
            s.selectedThread = clamp(s.selectedThread + delta, s.run.operations.count)
        case .timeline:
            s.history.jump(to: s.history.position + delta)
            // The row's own words (its decision, the invariants it broke) show while it is selected.
            s.message = StepWords.rowMessage(s, row: s.history.position)
        }
        return []
    }

    static func clamp(_ v: Int, _ count: Int) -> Int { min(max(0, v), max(0, count - 1)) }
}
