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
    /// What a lesson asks the learner to reach (`[goal]`); nil for an ordinary scenario.
    public var goal: Goal?
    /// Where it came from: a file path or `built-in:NAME`, for error messages.
    public var source: String
    /// The TOML text it was read from, so a trace can carry its scenario whole.
    public var text: String
    /// The `setup` operation lines as written (suffixes and all), so errors quote what the file says.
    public var setupLines: [String] = []
    /// The `threads` operation lines as written.
    public var threadLines: [String] = []
    /// Where setup items and the threads key sit in `text`, for errors found after loading.
    public var lines = ScenarioLines()

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
            return .failure(SetupError(scenario: self, failure: f, scheme: override ?? self.scheme))
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
    /// The scheme the setup ran under (the file's own, or an override).
    public let scheme: SchemeID

    public init(scenario: Scenario, failure: Run.SequentialFailure, scheme: SchemeID) {
        self.scenario = scenario; self.failure = failure; self.scheme = scheme
    }

    public var operationIndex: Int {
        switch failure {
        case .failed(let i, _), .blocked(let i, _), .crashed(let i): i
        }
    }

    public var description: String {
        "\(scenario.source):\(line): \(message)"
    }

    /// The operation line as the file wrote it, or as the topology describes it when the text lacks it.
    public var operationLine: String {
        setupLines.indices.contains(operationIndex) ? setupLines[operationIndex] : scenario.topology.describe(scenario.setup[operationIndex])
    }

    /// What went wrong, without the file and line.
    public var message: String {
        let why: String = switch failure {
        case .failed(_, let e): "returned \(e.name)"
        case .blocked(_, let reason): "blocked (\(reason))"
        case .crashed: "crashed the kernel (BUG_ON)"
        }
        return "setup operation '\(operationLine)' \(why) under scheme \(scheme.rawValue)"
    }

    /// The 1-based line of the failing setup operation in the scenario's text.
    public var line: Int {
        let lines = scenario.lines
        return lines.setupItems.indices.contains(operationIndex) ? lines.setupItems[operationIndex] : max(1, lines.setupKey)
    }

    /// The setup lines as written, when the scenario kept them.
    private var setupLines: [String] { scenario.setupLines }
}
