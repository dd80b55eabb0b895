import DMAOwnEngine

/// One cluster's threads as a run of their own, over the same topology, with a world in which
/// only they exist: the cluster's threads are renumbered 0, 1, …, and every lock a thread of
/// another cluster holds is given to a holder that is no thread of this run (such a lock is never
/// one this cluster's steps take, since clusters share no record).
struct ClusterRun {
    /// The cluster's threads in the whole run, by their index here.
    let threads: [Int]
    /// The group indices the cluster works on (its operations' groups and every group record its
    /// steps may touch), as reports name the cluster.
    let groups: [Int]
    /// The groups whose records the cluster's steps may touch: `stale-owner` is judged on these
    /// here. No other cluster touches them (clusters share no record), so each group is judged by
    /// one cluster at most, once its own threads are done. An operation's group alone is not
    /// enough: a managed driver's bind never touches its group's record, and its cluster finishing
    /// says nothing about a claim of that group another cluster is still in the middle of.
    let ownGroups: [Int]
    let run: Run
    let world: World

    init(threads: [Int], of whole: Run, from world: World) {
        self.threads = threads
        let topo = whole.topology
        var own = Set<Int>()
        for t in threads {
            let op = whole.operations[t]
            for step in whole.programs[t].steps {
                for case .group(let g) in ResourceID.touched(by: step.scope, of: op, in: topo) ?? [] { own.insert(g) }
            }
        }
        ownGroups = own.sorted()
        groups = own.union(threads.map { whole.operations[$0].group(in: topo) }).sorted()
        run = Run(topology: topo, scheme: whole.scheme, operations: threads.map { whole.operations[$0] })
        var local = [Int: Int]()
        for (i, t) in threads.enumerated() { local[t] = i }
        let stranger = threads.count
        func holder(_ h: Int?) -> Int? { h.map { local[$0] ?? stranger } }
        var w = world.withoutThreads
        for t in threads {
            let i = w.addThread()
            w[thread: i] = world[thread: t]
        }
        for g in 0..<w.groupCount where w[group: g].mutexHolder != nil { w[group: g].mutexHolder = holder(w[group: g].mutexHolder) }
        for d in 0..<w.deviceCount where w[device: d].lockHolder != nil { w[device: d].lockHolder = holder(w[device: d].lockHolder) }
        self.world = w
    }

    /// A schedule of this cluster's threads as a schedule of the whole run.
    func global(_ schedule: [Choice]) -> [Choice] {
        schedule.map { Choice(thread: threads[$0.thread], fail: $0.fail) }
    }
}
