import DMAOwnEngine

/// One cluster's threads as a run of their own, over the same topology, with a world in which
/// only they exist: the cluster's threads are renumbered 0, 1, …, and every lock a thread of
/// another cluster holds is given to a holder that is no thread of this run (such a lock is never
/// one this cluster's steps take, since clusters share no record).
struct ClusterRun {
    /// The cluster's threads in the whole run, by their index here.
    let threads: [Int]
    /// The group indices the cluster's steps may touch: `stale-owner` is judged on these here.
    let groups: [Int]
    let run: Run
    let world: World

    init(threads: [Int], of whole: Run, from world: World) {
        self.threads = threads
        let topo = whole.topology
        var groups = Set<Int>()
        for t in threads {
            let op = whole.operations[t]
            groups.insert(op.group(in: topo))
            for step in whole.programs[t].steps {
                for case .group(let g) in ResourceID.touched(by: step.scope, of: op, in: topo) ?? [] { groups.insert(g) }
            }
        }
        self.groups = groups.sorted()
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
