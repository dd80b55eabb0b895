import DMAOwnEngine

extension App {
    /// Routes a key to whichever overlay is open.
    static func overlayKey(_ s: inout AppState, _ overlay: Overlay, _ key: KeyEvent) -> [Effect] {
        switch overlay {
        case .help:
            switch key {
            case .down, .char("j"), .pageDown: s.helpScroll = min(s.helpScroll + (key == .pageDown ? 10 : 1), HelpOverlay.lines(s).count - 1)
            case .up, .char("k"), .pageUp: s.helpScroll = max(0, s.helpScroll - (key == .pageUp ? 10 : 1))
            case .home, .char("g"): s.helpScroll = 0
            case .char(let c) where ("1"..."5").contains(c):
                // Jump to a section: scenario, keys, concepts, invariants, scheme.
                let starts = HelpOverlay.sectionStarts(s)
                if let n = c.wholeNumberValue, starts.indices.contains(n - 1) { s.helpScroll = starts[n - 1] }
            case .end, .char("G"): s.helpScroll = HelpOverlay.lines(s).count - 1
            case .escape, .char("?"), .function(1), .char("q"), .enter: s.overlay = nil; s.helpScroll = 0
            default: break
            }
            return []
        case .command(let c): return commandKey(&s, c, key)
        case .add(let d): return addKey(&s, d, key)
        case .prompt(let p): return promptKey(&s, p, key)
        case .explorer(let v): return explorerKey(&s, v, key)
        case .picker(let p): return pickerKey(&s, p, key)
        case .violations(let selected):
            let list = ViolationsOverlay.entries(s)
            switch key {
            case .down, .char("j"): s.overlay = .violations(selected: min(selected + 1, max(0, list.count - 1)))
            case .up, .char("k"): s.overlay = .violations(selected: max(0, selected - 1))
            case .enter:
                s.overlay = nil
                guard list.indices.contains(selected) else { return [] }
                s.focus = .timeline
                s.history.jump(to: list[selected].row)
                s.message = StepWords.rowMessage(s, row: s.history.position)
            case .escape, .char("v"), .char("q"): s.overlay = nil
            default: break
            }
            return []
        case .branches(let selected): return branchesKey(&s, selected: selected, key)
        case .confirmQuit:
            switch key {
            // Only `y` confirms, as the dialog says: a second `q` (a habit, a key repeat) keeps the work.
            case .char("y"): return [.quit]
            case .char("w"): s.overlay = .prompt(PathPrompt(purpose: .save, text: s.tracePath)); return []
            case .escape, .char("n"): s.overlay = nil; return []
            default: return []
            }
        }
    }

    /// Keys on the `:` line: typing, Tab completion, Enter adds the operation.
    static func commandKey(_ s: inout AppState, _ c: CommandInput, _ key: KeyEvent) -> [Effect] {
        var c = c
        switch key {
        case .escape: s.overlay = nil; return []
        case .backspace:
            if c.text.isEmpty { s.overlay = nil; return [] }
            c.text.removeLast(); c.candidates = []
        case .ctrl("u"): c.text = ""; c.candidates = []
        case .char(let ch): c.text.append(ch); c.candidates = []
        case .tab:
            if !c.complete(in: s.run.topology) { s.overlay = .command(c); return [.bell] }
        case .enter:
            let line = c.text.trimmingSpaces
            if line.isEmpty { s.overlay = nil; return [] }
            s.overlay = nil
            let effects = runCommand(&s, line: line, resume: c.resume)
            // A bad line stays open for correction; a good one closes the prompt (or opens what it led to).
            if !effects.isEmpty { s.overlay = .command(c) }
            return effects
        default: return []
        }
        s.overlay = .command(c)
        return []
    }

    /// Keys in the add dialog: move, Enter picks, Esc or Backspace backs out.
    static func addKey(_ s: inout AppState, _ d: AddDialog, _ key: KeyEvent) -> [Effect] {
        var d = d
        switch key {
        case .escape: s.overlay = nil; return []
        case .up, .char("k"): d.move(-1)
        case .down, .char("j"): d.move(1)
        case .backspace:
            if d.words.isEmpty { s.overlay = nil; return [] }
            d.words.removeLast()
            let redo = d.words
            d = AddDialog()
            for w in redo { d.selected = d.options.firstIndex(of: w) ?? 0; _ = d.pick(in: s.run.topology) }
        case .enter, .char(" "):
            // "new owner…" and the like: the `:` line adds the name, then the dialog comes back.
            if let command = d.newCommand {
                s.overlay = .command(CommandInput(text: command, resume: d.words))
                s.message = StatusMessage(.info, "name the new \(command.trimmingSpaces) (\(ScenarioGrowth.usages.first { $0.command == command.trimmingSpaces }?.usage ?? "")); Enter adds it and goes back to the dialog")
                return []
            }
            if let line = d.pick(in: s.run.topology) {
                s.overlay = nil
                return addOperation(&s, line: line)
            }
        default: return []
        }
        s.overlay = .add(d)
        return []
    }

    /// `scheme NAME`, `seed N`, `owner`/`driver`/`device` (grow the scenario), or an operation to
    /// add as a new thread.
    static func runCommand(_ s: inout AppState, line: String, resume: [String]? = nil) -> [Effect] {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case "owner", "driver", "device":
            return growScenario(&s, words: words, resume: resume)
        case "compare":
            return compareCommand(&s, words: words)
        case "scheme":
            guard words.count == 2, let id = SchemeID(rawValue: words[1]) else {
                s.message = StatusMessage(.error, "usage: scheme \(SchemeID.allCases.map(\.rawValue).joined(separator: "|"))")
                return [.bell]
            }
            return switchScheme(&s, to: id)
        case "seed":
            guard words.count == 2, let n = UInt64(words[1]) else {
                s.message = StatusMessage(.error, "usage: seed N (a whole number)")
                return [.bell]
            }
            s.seed = n
            s.random = SplitMix64(seed: n)
            s.message = StatusMessage(.info, "seed \(n): r and R now repeat from it")
            return []
        default:
            let effects = addOperation(&s, line: line)
            // The : line also takes two commands of its own; an unknown first word should say so.
            if let m = s.message, m.kind == .error, m.text.hasPrefix("unknown operation") {
                s.message = StatusMessage(.error, m.text + "; or scheme NAME, seed N, owner NAME, driver NAME, device GROUP NAME")
            }
            return effects
        }
    }
}
