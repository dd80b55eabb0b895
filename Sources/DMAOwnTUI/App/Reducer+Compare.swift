import DMAOwnEngine

extension App {
    /// `c`: opens the split view (asking which scheme to set beside the one in use), or closes it.
    static func toggleCompare(_ s: inout AppState) -> [Effect] {
        if let c = s.compare {
            s.compare = nil
            s.message = StatusMessage(.info, "split view closed (was comparing with \(c.scheme.rawValue))")
            return []
        }
        var p = ListPicker.schemes(current: s.scheme)
        p.purpose = .compare
        // The scheme the design review usually argues against: merged, or robin when merged is on screen.
        let other = s.scheme == .merged ? SchemeID.robin : .merged
        p.selected = p.entries.firstIndex { $0.name == other.rawValue } ?? 0
        s.overlay = .picker(p)
        return []
    }

    /// Shows the schedule on screen beside its replay under `id`; stepping goes on applying to both.
    static func startCompare(_ s: inout AppState, with id: SchemeID) -> [Effect] {
        guard id != s.scheme else {
            s.message = StatusMessage(.error, "\(id.rawValue) is the scheme on screen: pick another to compare with")
            return [.bell]
        }
        switch CompareSession.make(s, scheme: id) {
        case .failure(let e):
            s.message = StatusMessage(.error, "cannot compare with \(id.rawValue): \(e.message)")
            return [.bell]
        case .success(let c):
            s.compare = c
            s.focus = .timeline
            let differing = c.notes.prefix(s.history.position).filter { $0 != nil }.count
            s.message = StatusMessage(.info, "split view: \(s.scheme.rawValue) | \(id.rawValue); \(differing) of \(s.history.position) rows differ so far (≠); steps apply to both, c closes")
            return []
        }
    }

    /// `:compare NAME` or `:compare off`.
    static func compareCommand(_ s: inout AppState, words: [String]) -> [Effect] {
        if words.count == 2, words[1] == "off" {
            if s.compare != nil { return toggleCompare(&s) }
            return []
        }
        guard words.count == 2, let id = SchemeID(rawValue: words[1]) else {
            s.message = StatusMessage(.error, "usage: compare \(SchemeID.allCases.map(\.rawValue).joined(separator: "|"))|off")
            return [.bell]
        }
        return startCompare(&s, with: id)
    }
}
