import DMAOwnEngine

/// Phrases every exporter shares, so a thread's fate reads the same in every format.
enum ExportWords {
    /// "0", "-EBUSY", "crashed", "blocked on group 7 mutex held by thread 1", "waiting for qemu to
    /// let go of 0000:01:00.0", or "not finished".
    static func result(of t: Int, in timeline: Timeline) -> String {
        let run = timeline.run
        switch run.status(of: t, in: timeline.final) {
        case .done(let e): return e.name
        case .crashed: return "crashed"
        case .blocked(_, let b): return run.blockedReason(b)
        case .runnable: return "not finished"
        }
    }
}

extension ExportWords {
    /// Robin's case labels (Robin's case analysis of 23 Feb 2022) when a step changes them: "while T1 scans: 0000:01:00.1 is
    /// case 2.a.i (…)", with the group being scanned. The reviewer sees which case each sibling was
    /// in at the moment the argument is about.
    static func robinCases(_ e: Timeline.Entry, run: Run) -> (group: Int, text: String)? {
        let after = run.scheme.annotations(in: e.after, run: run)
        guard let first = after.values.first, after != run.scheme.annotations(in: e.before, run: run) else { return nil }
        let names = after.keys.sorted().map { d in
            "\(run.topology.devices[d].name) is case \(after[d]!.label) (\(after[d]!.explanation))"
        }
        let scanner = first.thread
        return (run.operations[scanner].group(in: run.topology),
                "Robin's cases while T\(scanner + 1) scans: " + names.joined(separator: ", "))
    }
}
