import DMAOwnEngine

/// A situation to study: a topology, a scheme, operations run first in order (`setup`) and
/// operations run concurrently (`threads`), with what `dmaown check` should find.
public struct Scenario: Sendable {
    public var title: String
    public var description: String
    /// What to try in the TUI, shown beside the description.
    public var tryNote: String
    public var scheme: SchemeID
    public var topology: Topology
    public var setup: [Operation]
    public var threads: [Operation]
    public var expect: Expectation?
    /// Where it came from: a file path or `built-in:NAME`, for error messages.
    public var source: String
    /// The TOML text it was read from, so a trace can carry its scenario whole.
    public var text: String

    public init(
        title: String, description: String = "", tryNote: String = "", scheme: SchemeID, topology: Topology,
        setup: [Operation] = [], threads: [Operation], expect: Expectation? = nil, source: String = "", text: String = ""
    ) {
        self.title = title; self.description = description; self.tryNote = tryNote; self.scheme = scheme
        self.topology = topology; self.setup = setup; self.threads = threads; self.expect = expect
        self.source = source; self.text = text
    }

    /// What `[expect]` says `dmaown check` must find.
    public struct Expectation: Sendable, Equatable {
        /// Invariants some schedule must break (and no others).
        public var invariants: Set<Invariant>
        /// Number of distinct outcomes, when given.
        public var outcomes: Int?
        public init(invariants: Set<Invariant>, outcomes: Int?) { self.invariants = invariants; self.outcomes = outcomes }
    }

    /// The run and its initial world under `scheme` (the file's own by default), setup applied.
    ///
    /// Setup is replayed per scheme because a setup that succeeds under one design may fail under
    /// another; that failure is reported, not hidden.
    public func prepare(scheme override: SchemeID? = nil) -> Result<(run: Run, world: World), SetupError> {
        let scheme = Schemes.scheme(override ?? self.scheme)
        switch Run.runSequentially(setup, topology: topology, scheme: scheme, from: World(topology: topology)) {
        case .failure(let f):
            return .failure(SetupError(scenario: self, failure: f))
        case .success(let w):
            let run = Run(topology: topology, scheme: scheme, operations: threads)
            return .success((run, run.start(from: w)))
        }
    }
}

/// A setup operation that did not succeed: an error in the scenario file.
public struct SetupError: Error, Sendable, CustomStringConvertible {
    public let scenario: Scenario
    public let failure: Run.SequentialFailure

    public var operationIndex: Int {
        switch failure {
        case .failed(let i, _), .blocked(let i, _), .crashed(let i): i
        }
    }

    public var description: String {
        let op = scenario.topology.describe(scenario.setup[operationIndex])
        let why: String = switch failure {
        case .failed(_, let e): "returned \(e.name)"
        case .blocked(_, let reason): "blocked (\(reason))"
        case .crashed: "crashed the kernel (BUG_ON)"
        }
        let line = ScenarioText.line(ofValue: op, orKey: "setup", in: scenario.text)
        return "\(scenario.source):\(line): setup operation '\(op)' \(why) under scheme \(scenario.scheme.rawValue)"
    }
}

/// Finding where a value sits in a scenario's text, for error messages that name a line.
public enum ScenarioText {
    /// The 1-based line where `value` first appears quoted, else where `key` is assigned, else 1.
    public static func line(ofValue value: String, orKey key: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let i = lines.firstIndex(where: { $0.contains("\"\(value)\"") }) { return i + 1 }
        if let i = lines.firstIndex(where: { $0.trimmingPrefixWhitespace().hasPrefix(key) }) { return i + 1 }
        return 1
    }
}

extension Substring {
    func trimmingPrefixWhitespace() -> Substring { drop(while: { $0 == " " || $0 == "\t" }) }
}
