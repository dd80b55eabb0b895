import Testing
import DMAOwnEngine

/// Every schedule of a small scenario, judged: the distinct end results, the invariants broken at
/// any state on the way and at the end, and the worlds seen. Uses only the engine's stepping API,
/// and turns an operation the engine cannot parse into a thrown error rather than a trap, so the
/// fidelity tests also run (and fail) against an engine without VFIO front ends.
struct Explored {
    /// Each complete schedule's results in thread order; a thread still blocked at the end is "blocked".
    var results: Set<[String]> = []
    /// Invariants broken in some reachable state.
    var seen: Set<Invariant> = []
    /// Invariants broken in some final state.
    var endBroken: Set<Invariant> = []
    /// Every reachable world, and every final one.
    var worlds: Set<World> = []
    var ends: [World] = []

    /// `seen` without what a scheme breaks by design whatever the operations: `robin-locked`'s scan
    /// takes siblings' device locks under group->mutex, inverting the lock order (DOMAIN §5.5).
    func seen(beyond scheme: SchemeID) -> Set<Invariant> {
        scheme == .robinLocked ? seen.subtracting([.lockOrder]) : seen
    }
}

/// Why a fidelity scenario could not be set up.
struct SetupError: Error, CustomStringConvertible {
    var description: String
}

enum AllSchedules {
    /// Parses `line` against `topology`, throwing instead of trapping on an unknown operation.
    static func op(_ line: String, _ topology: Topology) throws -> Operation {
        switch OperationGrammar.parse(line, in: topology) {
        case .success(let op): return op
        case .failure(let e): throw SetupError(description: "'\(line)': \(e.message)")
        }
    }

    /// Runs `setup` one after another, then starts `threads`.
    static func start(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = Fixture.topology) throws -> (Run, World) {
        let s = Schemes.scheme(scheme)
        let setupOps = try setup.map { try op($0, topology) }
        let w0: World
        switch Run.runSequentially(setupOps, topology: topology, scheme: s, from: World(topology: topology)) {
        case .success(let w): w0 = w
        case .failure(let f): throw SetupError(description: "setup failed under \(scheme): \(f)")
        }
        let run = Run(topology: topology, scheme: s, operations: try threads.map { try op($0, topology) })
        return (run, run.start(from: w0))
    }

    /// Explores every interleaving and every `may_fail` branch of `threads` after `setup`.
    static func explore(_ scheme: SchemeID, setup: [String], threads: [String], topology: Topology = Fixture.topology) throws -> (Run, Explored) {
        let (run, w0) = try start(scheme, setup: setup, threads: threads, topology: topology)
        var e = Explored()
        var stack = [w0]
        while let w = stack.popLast() {
            guard e.worlds.insert(w).inserted else { continue }
            let broken = Set(run.broken(in: w).members)
            e.seen.formUnion(broken)
            var moved = false
            for t in run.operations.indices {
                for branch in 0..<run.choices(of: t, in: w) {
                    var next = w
                    run.step(&next, thread: t, fail: branch == 1)
                    stack.append(next)
                    moved = true
                }
            }
            if !moved {
                e.results.insert(run.operations.indices.map { run.result(of: $0, in: w) ?? "blocked" })
                e.endBroken.formUnion(broken)
                e.ends.append(w)
            }
        }
        return (run, e)
    }
}
