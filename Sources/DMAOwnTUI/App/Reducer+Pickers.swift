import DMAOwnEngine
import DMAOwnScenario

extension App {
    /// Keys in a picker: j/k move, a digit picks that row, Enter chooses (a scenario asks once when
    /// steps are unsaved), Esc backs out.
    static func pickerKey(_ s: inout AppState, _ p: ListPicker, _ key: KeyEvent) -> [Effect] {
        var p = p
        switch key {
        case .escape, .char("q"): s.overlay = nil; return []
        case .up, .char("k"): p.move(-1)
        case .down, .char("j"): p.move(1)
        case .pageUp: p.move(-10)
        case .pageDown: p.move(10)
        case .home, .char("g"): p.move(-p.entries.count)
        case .end, .char("G"): p.move(p.entries.count)
        case .char(let c) where c.wholeNumberValue.map { (1...p.entries.count).contains($0) } == true && p.entries.count <= 9:
            p.move(c.wholeNumberValue! - 1 - p.selected)
            return choose(&s, p)
        case .enter, .char(" "): return choose(&s, p)
        default: return []
        }
        s.overlay = .picker(p)
        return []
    }

    /// Acts on the picker's selected row.
    static func choose(_ s: inout AppState, _ p: ListPicker) -> [Effect] {
        var p = p
        let name = p.entries[p.selected].name
        switch p.purpose {
        case .scheme:
            s.overlay = nil
            guard let id = SchemeID(rawValue: name) else { return [.bell] }
            return switchScheme(&s, to: id)
        case .compare:
            s.overlay = nil
            guard let id = SchemeID(rawValue: name) else { return [.bell] }
            return startCompare(&s, with: id)
        case .scenario:
            if s.hasUnsavedSteps && p.confirming != p.selected {
                p.confirming = p.selected
                s.overlay = .picker(p)
                s.message = StatusMessage(.error, "unsaved steps would be lost: Enter again opens \(name), Esc keeps them")
                return [.bell]
            }
            return open(&s, builtIn: name)
        }
    }

    /// Replaces the session with the built-in scenario `name` under its own scheme, keeping the
    /// look (theme, mouse, seed) and the terminal size.
    static func open(_ s: inout AppState, builtIn name: String) -> [Effect] {
        let opened: AppState
        do {
            opened = try AppState(scenario: BuiltinScenarios.load(name), themeNames: s.themeNames, seed: s.seed)
        } catch {
            s.message = StatusMessage(.error, "cannot open \(name): \(error)")
            return [.bell]
        }
        let (themeIndex, mouse, size, focus) = (s.themeIndex, s.wantsMouse, s.size, s.focus)
        s = opened
        s.themeIndex = themeIndex
        s.wantsMouse = mouse
        s.size = size
        s.focus = focus
        return []
    }
}
