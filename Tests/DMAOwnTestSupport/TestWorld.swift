import DMAOwnEngine
import Testing

/// Operations and started runs on a hand-built topology, for the engine, explorer and TUI tests.
/// A line that does not parse or a setup that fails is a recorded test failure, never a trap: a
/// crash would end the test process and hide every other result.
public enum TestWorld {
    /// `line` parsed against `topology`; a recorded failure and a harmless unbind when it does not parse.
    public static func operation(_ line: String, in topology: Topology, sourceLocation: SourceLocation = #_sourceLocation) -> Operation {
        switch OperationGrammar.parse(line, in: topology) {
        case .success(let op): return op
        case .failure(let e):
            Issue.record("fixture operation '\(line)': \(e.message)", sourceLocation: sourceLocation)
            return .unbind(device: 0)
        }
    }

    /// Runs `setup` sequentially, then starts `threads`. A failed setup is recorded and the run
    /// starts from the bare machine.
    public static func start(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology) -> (Run, World) {
        let s = Schemes.scheme(scheme)
        let w0: World
        switch Run.runSequentially(setup.map { operation($0, in: topology) }, topology: topology, scheme: s, from: World(topology: topology)) {
        case .success(let w): w0 = w
        case .failure(let f):
            Issue.record("fixture setup \(setup) failed under \(scheme.rawValue): \(f)")
            w0 = World(topology: topology)
        }
        let run = Run(topology: topology, scheme: s, operations: threads.map { operation($0, in: topology) })
        return (run, run.start(from: w0))
    }
}
