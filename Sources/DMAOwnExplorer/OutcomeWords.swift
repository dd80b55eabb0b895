import DMAOwnEngine

/// How an outcome is named for people: each thread's operation and what it returned,
/// `bind 0000:01:00.1 e1000e → -EBUSY, claim 7 qemu → 0`. `dmaown check`'s keys, `dmaown compare`
/// and the TUI's explorer overlay all take their words from here, so an outcome read in one is
/// found by the same words in the others.
public enum OutcomeWords {
    /// One key per thread: its operation line, with the thread number added when two threads
    /// share one (the keys of `check --json`'s `results`).
    public static func keys(_ run: Run) -> [String] {
        let lines = (0..<run.operations.count).map(run.line(of:))
        return lines.enumerated().map { t, l in lines.filter { $0 == l }.count > 1 ? "\(l) (thread \(t + 1))" : l }
    }

    /// `results` (in the order of `keys`) as one line: `KEY → RESULT, KEY → RESULT`.
    public static func label(_ results: [String], keys: [String]) -> String {
        zip(keys, results).map { "\($0) → \($1)" }.joined(separator: ", ")
    }

    /// What each thread ended with in `world`, named as the explorer names outcomes ("0",
    /// "-EBUSY", "crashed", "deadlocked", "waiting"); nil while some thread can still step, since
    /// only a world where nothing can step is an outcome.
    public static func results(of run: Run, in world: World) -> [String]? {
        var key: [UInt8] = []
        var blocked = false
        for t in run.operations.indices {
            switch run.status(of: t, in: world) {
            case .runnable: return nil
            case .blocked: key.append(LayeredSearch.deadlockedByte); blocked = true
            case .done(let e): key.append(e.rawValue)
            case .crashed: key.append(LayeredSearch.crashedByte)
            }
        }
        return (blocked ? LayeredSearch.terminalKey(key, run: run, world: world) : key).map(LayeredSearch.resultName)
    }
}
