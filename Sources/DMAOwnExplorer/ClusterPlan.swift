import DMAOwnEngine

/// The run's threads split into clusters that can never interact, judged from the records each
/// step's declared `Scope` may touch (the same reading partial-order reduction trusts).
///
/// Two threads are in one cluster when some step of one and some step of the other may touch a
/// common device or group record (a lock is a field of its record, so sharing a lock is sharing
/// a record). A step of `.machine` scope (a `BUG_ON`, which stops every thread) touches
/// everything, so it puts every thread in one cluster: a crash in one cluster would decide the
/// other clusters' results, and their outcomes would no longer combine as a product. The sticky
/// `warn` and `lock-order` flags need no such care: setting a flag commutes with everything and
/// no step reads them, so a flag raised in one cluster is raised in the whole machine.
struct ClusterPlan: Sendable, Equatable {
    /// The clusters, each a list of thread indices in thread order, ordered by their first thread.
    var clusters: [[Int]]
    /// Why the threads form one cluster although they work on different groups, when that is so.
    var notSplit: String?

    /// The clusters of `run`'s threads, started from `world`.
    init(run: Run, world: World) {
        let topo = run.topology
        let n = run.operations.count
        let vfio = ResourceID.mayBeVFIOBound(run: run, world: world)
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) { let ra = find(a), rb = find(b); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
        var owner: [ResourceID: Int] = [:]
        var machineWide: (thread: Int, step: String)?
        // Changes of a derived fact (a group's VFIO membership) couple a thread only to the
        // threads that read it, not to other threads changing it: see `ResourceID.changesVFIOMembers`.
        var changes: [(thread: Int, resource: ResourceID)] = []
        for t in 0..<n {
            let op = run.operations[t]
            for step in run.programs[t].steps {
                guard let touched = ResourceID.touched(by: step.scope, of: op, in: topo) else {
                    if machineWide == nil { machineWide = (t, step.function) }
                    continue
                }
                for r in touched {
                    if let o = owner[r] { union(o, t) } else { owner[r] = t }
                }
                if let m = ResourceID.changesVFIOMembers(by: step.scope, of: op, in: topo, vfio: vfio) { changes.append((t, m)) }
            }
        }
        for c in changes { if let o = owner[c.resource] { union(o, c.thread) } }
        var byRoot: [Int: [Int]] = [:]
        for t in 0..<n { byRoot[find(t), default: []].append(t) }
        let split = byRoot.values.sorted { $0[0] < $1[0] }
        if let m = machineWide, n > 0 {
            clusters = [Array(0..<n)]
            notSplit = split.count > 1
                ? "not split into independent clusters: thread \(m.thread + 1)'s step \(m.step) may stop the whole machine (BUG_ON), which couples every thread"
                : nil
        } else {
            clusters = n == 0 ? [[]] : split
            notSplit = nil
        }
    }

    /// Every thread in one cluster, unsplit.
    init(whole run: Run) {
        clusters = [Array(run.operations.indices)]
        notSplit = nil
    }

    /// The largest cluster's size.
    var largest: Int { clusters.map(\.count).max() ?? 0 }
}
