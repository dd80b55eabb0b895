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
            s.tracePath = path
            switch p.purpose {
            case .save:
                s.message = StatusMessage(.info, "saving \(path)…")
                return [.saveTrace(path: path, json: TraceBridge.json(TraceBridge.make(s)))]
            case .load:
                s.message = StatusMessage(.info, "loading \(path)…")
                return [.loadTrace(path: path)]
            }
        default: return []
        }
        s.overlay = .prompt(p)
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
