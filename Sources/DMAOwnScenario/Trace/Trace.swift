import DMAOwnEngine

/// A scenario plus the exact schedule taken through it: saved as JSON, it replays
/// to the identical world on any machine because it carries the scenario's text whole.
public struct Trace: Codable, Sendable, Equatable {
    /// Format version, so later readers can refuse what they do not understand.
    public var version: Int = 1
    /// The scenario's title and source, for people.
    public var title: String
    public var source: String
    /// The scenario's TOML text, parsed again on load.
    public var scenario: String
    public var scheme: SchemeID
    /// Every thread's operation line, including operations added in the TUI after loading.
    public var operations: [String]
    public var steps: [Entry]

    /// One scheduling decision: which thread stepped (1-based) and whether it took the failure branch.
    public struct Entry: Codable, Sendable, Equatable {
        public var thread: Int
        public var fail: Bool
        /// The operation line and the kernel step, for people reading the JSON; ignored on replay.
        public var op: String?
        public var step: String?
        /// Which way the step went and why (the engine's decision), for people; ignored on replay,
        /// like `op` and `step`, so older readers and traces without it still work.
        public var decision: String?
        public init(thread: Int, fail: Bool = false, op: String? = nil, step: String? = nil, decision: String? = nil) {
            self.thread = thread; self.fail = fail; self.op = op; self.step = step; self.decision = decision
        }
    }

    public init(title: String, source: String, scenario: String, scheme: SchemeID, operations: [String], steps: [Entry]) {
        self.title = title; self.source = source; self.scenario = scenario; self.scheme = scheme
        self.operations = operations; self.steps = steps
    }
}
