import DMAOwnEngine

/// A broken invariant as the status line says it: a deadlock as its wait cycle in short words
/// (T1, T2), everything else as the engine words it.
enum ViolationText {
    static func describe(_ v: Violation, run: Run, world: World) -> String {
        guard v.invariant == .deadlock, let cycle = run.waitCycle(in: world) else { return v.description }
        return "deadlock: " + run.describeWaitCycle(cycle, in: world, short: true)
    }
}
