import DMAOwnEngine
import DMAOwnScenario

extension App {
    /// Keys in the save/load/export path prompt. Enter that would lose something (unsaved steps
    /// on load, an existing file on save or export) keeps the prompt open and asks; Enter again does it.
    static func promptKey(_ s: inout AppState, _ p: PathPrompt, _ key: KeyEvent) -> [Effect] {
        var p = p
        switch key {
        case .escape: s.overlay = nil; return []
        case .backspace: if !p.text.isEmpty { p.text.removeLast() }; p.confirming = false
        case .ctrl("u"): p.text = ""; p.confirming = false
        case .char(let c): p.text.append(c); p.confirming = false
        case .enter:
            let path = p.text.trimmingSpaces
            guard !path.isEmpty else { s.message = StatusMessage(.error, "no path given"); return [.bell] }
            switch p.purpose {
            case .save:
                s.overlay = nil
                s.tracePath = path
                s.message = StatusMessage(.info, "saving \(path)…")
                return [.saveTrace(path: path, json: TraceBridge.json(TraceBridge.make(s)), overwrite: p.confirming || path == s.traceFile)]
            case .load:
                if s.hasUnsavedSteps && !p.confirming {
                    p.confirming = true
                    s.overlay = .prompt(p)
                    s.message = StatusMessage(.error, "unsaved steps would be lost: Enter again loads \(path), Esc keeps them")
                    return [.bell]
                }
                s.overlay = nil
                s.tracePath = path
                s.message = StatusMessage(.info, "loading \(path)…")
                return [.loadTrace(path: path)]
            case .export:
                s.overlay = nil
                return export(&s, to: path, prompt: p)
            case .scenario:
                s.overlay = nil
                s.scenarioPath = path
                s.message = StatusMessage(.info, "writing the scenario to \(path)…")
                return [.writeScenario(path: path, text: ScenarioGrowth.file(s.scenario, run: s.run), overwrite: p.confirming)]
            }
        default: return []
        }
        s.overlay = .prompt(p)
        return []
    }

    /// After a write refused because the file exists: the same prompt again, asking to replace it.
    static func askToReplace(_ s: inout AppState, _ purpose: PathPrompt.Purpose, _ path: String) -> [Effect] {
        s.overlay = .prompt(PathPrompt(purpose: purpose, text: path, confirming: true))
        s.message = StatusMessage(.error, "\(path) already exists: Enter again replaces it, Esc keeps it")
        return [.bell]
    }

    /// Renders the timeline up to the selected row in the format the path's extension names; a
    /// bad extension keeps the prompt open so the name can be corrected.
    static func export(_ s: inout AppState, to path: String, prompt: PathPrompt) -> [Effect] {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let format = ExportFormat.allCases.first { $0.fileExtension == ext } ?? (ext == "markdown" ? .markdown : ext == "gv" ? .dot : nil)
        guard let format, path.contains(".") else {
            s.overlay = .prompt(prompt)
            s.message = StatusMessage(.error, "export: end the name in .md, .mmd, .dot, .json or .txt to pick the format")
            return [.bell]
        }
        let text: String
        do {
            text = try Exporter.export(format, scenario: s.scenario, run: s.run, initial: s.history.initial,
                                       schedule: s.history.applied.map { (thread: $0.thread, fail: $0.fail) })
        } catch {
            s.message = StatusMessage(.error, "export: \(error.description)")
            return [.bell]
        }
        s.exportPath = path
        s.message = StatusMessage(.info, "exporting \(steps(s.history.position)) to \(path)…")
        return [.writeExport(path: path, text: text, overwrite: prompt.confirming)]
    }

    static func steps(_ n: Int) -> String { n == 1 ? "1 step" : "\(n) steps" }

    /// After a write: the prompt again when the file exists, the error when it failed, nil when it went through.
    static func writeFailure(_ s: inout AppState, _ purpose: PathPrompt.Purpose, _ path: String, _ error: FileError?, _ failed: String) -> [Effect]? {
        guard let error else { return nil }
        if error.exists { return askToReplace(&s, purpose, path) }
        s.message = StatusMessage(.error, "\(failed): \(error.message)")
        return [.bell]
    }

    static func exported(_ s: inout AppState, path: String, error: FileError?) -> [Effect] {
        if let failed = writeFailure(&s, .export, path, error, "could not export") { return failed }
        s.message = StatusMessage(.info, "exported \(steps(s.history.position)) to \(path)")
        return []
    }

    static func scenarioWritten(_ s: inout AppState, path: String, error: FileError?) -> [Effect] {
        if let failed = writeFailure(&s, .scenario, path, error, "could not write the scenario") { return failed }
        s.message = StatusMessage(.info, "wrote the scenario (\(s.run.operations.count) threads, scheme \(s.scheme.rawValue)) to \(path): dmaown check \(path) explores it")
        return []
    }

    static func saved(_ s: inout AppState, path: String, error: FileError?) -> [Effect] {
        if let failed = writeFailure(&s, .save, path, error, "could not save \(path)") { return failed }
        s.savedSchedule = Array(s.history.applied)
        s.savedOperationCount = s.run.operations.count
        s.traceFile = path
        // The trace holds the steps up to the selected row; undone steps beyond it stay unsaved.
        let tail = s.history.choices.count - s.history.position
        s.message = StatusMessage(.info, "saved \(steps(s.savedSchedule.count)) to \(path)"
                                  + (tail > 0 ? " (not the \(steps(tail)) undone after them)" : ""))
        return []
    }

    static func traceLoaded(_ s: inout AppState, _ result: Result<Trace, FileError>) -> [Effect] {
        switch result {
        case .failure(let e):
            s.message = StatusMessage(.error, "could not load: \(e.message)")
            return [.bell]
        case .success(let trace):
            s.message = TraceBridge.apply(trace, to: &s)
            if s.message?.kind != .error { s.traceFile = s.tracePath }
            return s.message?.kind == .error ? [.bell] : []
        }
    }
}

extension String {
    /// The string without leading and trailing spaces (no Foundation needed).
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
