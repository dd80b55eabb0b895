/// The keys a scenario file may use, per table, so unknown keys (typos) are caught, not ignored.
public enum ScenarioSchema {
    static let topLevel = ["title", "scheme", "description", "try", "owners", "setup", "threads", "drivers", "groups", "devices", "kernel", "expect", "goal"]
    /// Keys without which a scenario means nothing.
    static let required = ["scheme", "groups", "threads"]
    static let driver = ["managed_dma", "may_fail", "vfio"]
    static let device = ["bridge"]
    static let expect = ["invariants", "outcomes"]
    static let kernel = ["debug_test_remove"]
    static let goal = ["text", "win", "schemes", "max_steps", "hints", "explain"]
    static let win = ["results", "broken", "group", "finished", "decision"]
    static let goalGroup = ["id", "owner", "owner_cnt", "domain"]
    /// The world packs owners, drivers and thread ids into bytes (a lock holder is `thread + 1` in
    /// a byte); past these a load, a replay or the TUI's `:` would trap. One limit for files,
    /// traces and threads added live.
    public static let maxOwners = 100, maxDrivers = 100, maxThreads = 250
}
