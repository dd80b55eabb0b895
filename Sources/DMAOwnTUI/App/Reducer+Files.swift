import DMAOwnEngine
import DMAOwnScenario

extension App {
    /// Keys in the save/load path prompt.
    static func promptKey(_ s: inout AppState, _ p: PathPrompt, _ key: KeyEvent) -> [Effect] {
        var p = p
        switch key {
        case .escape: s.overlay = nil; return []
        case .backspace: if !p.text.isEmpty { p.text.removeLast() }
        case .ctrl("u"): p.text = ""
        case .char(let c): p.text.append(c)
        case .enter:
            let path = p.text.trimmingSpaces
            guard !path.isEmpty else { s.message = StatusMessage(.error, "no path given"); return [.bell] }
            s.overlay = nil
            if p.purpose != .export { s.tracePath = path }
            switch p.purpose {
            case .save:
                s.message = StatusMessage(.info, "saving \(path)…")
                return [.saveTrace(path: path, json: TraceBridge.json(TraceBridge.make(s)))]
            case .load:
                s.message = StatusMessage(.info, "loading \(path)…")
                return [.loadTrace(path: path)]
            case .export:
                return export(&s, to: path, prompt: p)
            }
        default: return []
        }
        s.overlay = .prompt(p)
        return []
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
        return [.writeExport(path: path, text: text)]
    }

    static func steps(_ n: Int) -> String { n == 1 ? "1 step" : "\(n) steps" }

    static func exported(_ s: inout AppState, path: String, error: FileError?) -> [Effect] {
        if let error {
            s.message = StatusMessage(.error, "could not export: \(error.message)")
            return [.bell]
        }
        s.message = StatusMessage(.info, "exported \(steps(s.history.position)) to \(path)")
        return []
    }

    static func saved(_ s: inout AppState, path: String, error: FileError?) -> [Effect] {
        if let error {
            s.message = StatusMessage(.error, "could not save \(path): \(error.message)")
            return [.bell]
        }
        s.savedSchedule = Array(s.history.applied)
        s.savedOperationCount = s.run.operations.count
        s.message = StatusMessage(.info, "saved \(s.savedSchedule.count) steps to \(path)")
        return []
    }

    static func traceLoaded(_ s: inout AppState, _ result: Result<Trace, FileError>) -> [Effect] {
        switch result {
        case .failure(let e):
            s.message = StatusMessage(.error, "could not load: \(e.message)")
            return [.bell]
        case .success(let trace):
            s.message = TraceBridge.apply(trace, to: &s)
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
