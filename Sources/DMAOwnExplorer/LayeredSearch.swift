import DMAOwnEngine

/// One exhaustive pass over a run's state graph, level by level of the progress measure.
///
/// Every step raises Φ = Σ (pc + finished) + crashed, so the graph is a DAG and expanding states
/// in order of Φ visits every predecessor of a state before the state itself. That gives, in one
/// pass, each state's exact number of complete interleavings (dynamic programming over paths) and
/// its shortest schedule (the minimum over predecessors), and lets each level be freed as soon as
/// it has been expanded.
final class LayeredSearch {
    /// What the pass computes; a pass with `reduce` expands persistent sets only.
    struct Config {
        var reduce: Bool
        /// Check invariants and keep a parent pointer per state for counterexamples.
        var judge: Bool
        /// Count complete interleavings per outcome.
        var count: Bool
        var maxStates: Int?
        var maxDepth: Int?
        /// Stop (partial result) when the search's own tables would hold more than this many bytes.
        var maxBytes: Int? = nil
        /// Levels by schedule length instead of by Φ: a world reached by schedules of different
        /// lengths is then one node per length, and outcomes are counted per length too, which is
        /// what combining independent clusters needs (C(a+b, a) interleavings of lengths a and b).
        var byLength = false
        /// Judge `stale-owner` on these groups only (a cluster's own), nil for every group. The
        /// other groups belong to other clusters or to nobody and are judged where they belong.
        var staleGroups: [Int]? = nil
        /// A step that reaches what a lesson asks for (`GoalSearch`): the pass keeps the shortest
        /// schedule ending in such a step. Needs `judge` (parent pointers) and no reduction, since a
        /// persistent set may drop the shortest way there.
        var goal: GoalStep? = nil
        /// Interchangeable threads to fold together (`ThreadSymmetry`): a counting pass only, since
        /// a representative's count is its whole set's and it keeps no schedules.
        var symmetry: ThreadSymmetry? = nil
    }

    /// Whether the step of `thread` (down its failure branch when `fail`) from `before` to
    /// `after` meets a goal.
    typealias GoalStep = (_ before: World, _ after: World, _ thread: Int, _ fail: Bool) -> Bool

    /// What cut a pass short.
    enum Stop: Equatable {
        case maxStates, maxDepth, memory, cancelled
    }

    /// Per-thread result bytes of a terminal state: the errno, or one of these three.
    static let crashedByte: UInt8 = 0xFE
    static let deadlockedByte: UInt8 = 0xFD
    /// Blocked for good only because a user never lets go (vfio-pci's `remove()`): not a deadlock.
    static let waitingByte: UInt8 = 0xFC

    /// The result bytes of a terminal state: blocked threads are "waiting" rather than
    /// "deadlocked" when every one of them waits, at the end of its chain, for a user to let go.
    static func terminalKey(_ key: [UInt8], run: Run, world: World) -> [UInt8] {
        guard key.contains(deadlockedByte), run.isWaitingOnUsers(world) else { return key }
        return key.map { $0 == deadlockedByte ? waitingByte : $0 }
    }

    let run: Run
    let initial: World
    let config: Config
    let persistent: PersistentSet?
    /// The half of a sharded counting pass this search is (`becomeHalf`), nil for a whole pass.
    private(set) var shard: (link: ShardLink, index: Int)?
    /// Where `expandLevels` starts instead of the initial world: a level and the levels not yet
    /// expanded, from a pass suspended to be sharded (`search(suspendingAfter:)`, `becomeHalf`).
    /// `from`: the first state of `level` not yet expanded (0 but in a pass suspended mid-level,
    /// whose `level` is the level it was expanding).
    private var resume: (level: Int, layers: [StateLayer?], from: Int)?
    /// Set when the pass stopped, its bound `suspendAfter` reached, with the states still to
    /// expand in `resume`.
    private(set) var suspended = false
    /// Where a suspended pass stopped: the level and its first state not yet expanded.
    var suspendedAt: (level: Int, from: Int)? { suspended ? resume.map { ($0.level, $0.from) } : nil }
    /// A counting pass on one thread that has expanded this many states hands over
    /// (`countInShards`), at a multiple of 1,024 states, mid-level or at a level boundary; nil never.
    private var suspendAfter: Int?
    /// With `suspendAfter`: hand over only once this says so (`CountingAhead`: once the verdict
    /// pass is done and its thread is free); nil at once.
    var handOverWhen: (() -> Bool)?
    /// Told the bytes the search's tables hold whenever the search works them out (every level,
    /// and every 4,096 states under a memory bound), for a pass running beside another
    /// (`CountingAhead`) to keep the two together within the bound.
    var onLiveBytes: ((Int) -> Void)?
    /// Told the states expanded so far every 1,024 states (on the calling thread).
    var onStates: ((Int) -> Void)?

    private(set) var states = 0
    private(set) var transitions = 0
    private(set) var peakBytes = 0
    /// What the cache-warming reads of `StateLayer.touch` added up to: stored so the compiler keeps them.
    private(set) var touchSink: UInt64 = 0
    private(set) var maxDepthSeen = 0
    private(set) var complete = true
    private(set) var cancelled = false
    /// The first bound that cut the pass short (nil when complete).
    private(set) var stop: Stop?
    /// The terminal state with the shortest schedule, and the shortest one where every thread
    /// finished (no deadlock, no crash), kept when judging: a counterexample found in one cluster
    /// is completed with the other clusters' shortest schedules to such states.
    private(set) var shortestTerminal: (id: Int, depth: Int)?
    private(set) var shortestFinished: (id: Int, depth: Int)?
    /// With a goal: the shortest schedule's last state before the goal step, that step, and its length.
    private(set) var goalReached: (parent: Int, choice: Choice, depth: Int)?
    /// Per expanded state (in expansion order): its shortest-schedule predecessor and the choice.
    private var parents: [UInt32] = []
    private var choices: [UInt8] = []
    /// Per invariant (in `Invariant.allCases` order): the state breaking it with the shortest schedule.
    private var best: [(id: Int, depth: Int)?] = Array(repeating: nil, count: Invariant.allCases.count)
    /// Terminal results → complete interleavings ending there. With `byLength`, the key ends with
    /// two more bytes: the schedules' length, little-endian.
    private(set) var outcomes: [[UInt8]: ScheduleCount] = [:]
    /// Terminal results → the expanded state ending that way with the shortest schedule, kept when
    /// judging, so an outcome can be opened like a counterexample (`outcomeSchedules`).
    private var shortestOutcome: [[UInt8]: (id: Int, depth: Int)] = [:]
    /// With a symmetry: some set of swapped outcomes reached the saturated count, so the outcomes
    /// carry no counts and the pass must be run again without the symmetry.
    private(set) var symmetrySaturated = false
    /// CPU seconds the other half of a sharded pass used on its own thread (0 for a whole pass).
    private(set) var otherCPUSeconds = 0.0

    init(run: Run, initial: World, config: Config, persistent: PersistentSet?) {
        self.run = run; self.initial = initial; self.config = config; self.persistent = persistent
    }

    /// The highest level a pass over `run` can reach: every schedule is at most as long as all
    /// programs together plus a BUG_ON halt.
    static func topLevel(_ run: Run, byLength: Bool) -> Int {
        byLength ? run.programs.reduce(2) { $0 + $1.steps.count } : run.programs.reduce(2) { $0 + $1.steps.count + 1 }
    }

    /// Φ of `world`: strictly larger after every step.
    @inline(__always)
    static func potential(_ world: World, threads: Int) -> Int {
        var phi = world.flags.contains(.bugOn) ? 1 : 0
        for t in 0..<threads {
            let ts = world[thread: t]
            phi += ts.pc + (ts.done ? 1 : 0)
        }
        return phi
    }

    func search(progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) {
        expandLevels(progress: progress, isCancelled: isCancelled)
        // A sharded pass's halves are put together, and finished, by `countInShards`.
        if shard == nil { finish(progress: progress) }
    }

    /// A counting pass on one thread, stopped at the first level boundary after `states` states
    /// when it gets that far (`suspended`), for `countInShards` to go on with on two threads.
    func search(suspendingAfter states: Int, progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) {
        precondition(shard == nil && config.count && !config.judge && !config.reduce && config.goal == nil,
                     "only a counting pass on one thread is handed over to two")
        suspendAfter = states
        expandLevels(progress: progress, isCancelled: isCancelled)
        suspendAfter = nil
        if !suspended { finish(progress: progress) }
    }

    /// Makes this suspended pass (or a fresh one, `from` the suspended pass) half `index` of a
    /// sharded pass over `link`: it goes on at the level the pass stopped at, with the states
    /// still to expand that are its own (of a level it stopped in, those after the ones it expanded).
    func becomeHalf(_ index: Int, of link: ShardLink, from pass: LayeredSearch) {
        guard let pending = pass.resume else { preconditionFailure("only a suspended pass is handed over") }
        precondition(config.count && !config.judge && !config.reduce && config.goal == nil,
                      "only a counting pass is sharded: judging keeps parent chains that name states of both halves")
        var own = [StateLayer?](repeating: nil, count: pending.layers.count)
        for (level, layer) in pending.layers.enumerated() {
            guard let layer, level >= pending.level else { continue }
            let mine = StateLayer(stride: layer.stride, expected: layer.count / 2, counts: true, schedules: false)
            for i in (level == pending.level ? pending.from : 0)..<layer.count {
                let world = layer.state(i)
                let hash = StateHash.hash(world)
                guard ShardLink.shard(of: world.baseAddress!, hash: hash, keys: link.keys) == index else { continue }
                mine.reach(world, hash: hash, paths: layer.paths[i], depth: layer.depth[i], parent: 0, choice: 0)
            }
            if mine.count > 0 { own[level] = mine }
        }
        shard = (link, index)
        resume = (pending.level, own, 0)
        suspended = false
    }

    /// The search itself; its tallies are in the stored properties when it returns (and only then:
    /// it keeps them in locals while it runs).
    private func expandLevels(progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) {
        // A local copy: the loop then reads the run's tables without going through `self`.
        let run = self.run
        let threads = run.operations.count
        precondition(threads <= 32, "the explorer handles at most 32 threads")
        let symmetry = config.symmetry
        precondition(symmetry == nil || config.goal == nil, "a goal may name a thread, so a goal search folds no threads")
        let stride = initial.bytes.count
        let blocks = worldBlocks(length: stride)
        let byLength = config.byLength
        let top = Self.topLevel(run, byLength: byLength)
        var layers = [StateLayer?](repeating: nil, count: top + 1)
        // Expanded levels' memory, reused by the levels still to come (see `LayerPool`).
        let pool = LayerPool()
        let phi0 = byLength ? 0 : Self.potential(initial, threads: threads)
        let maxBytes = config.maxBytes ?? Int.max
        let seed = initial.bytes.withUnsafeBytes { StateLayer(initial: $0, counts: config.count, schedules: config.judge) }
        let link = shard?.link, me = shard?.index ?? 0
        let mailboxes = link.map { $0.box(from: me, level: 0) }
        let keys = link?.keys ?? (-1, -1), spare = link.map { $0.spare + me }
        // A pass handed over goes on where it stopped, with its own share of the levels to come
        // (`becomeHalf`); a half always is one.
        precondition(link == nil || resume != nil, "a half of a sharded pass starts from a suspended pass's levels")
        let start = resume?.level ?? phi0
        if let pending = resume { layers = pending.layers; resume = nil } else { layers[phi0] = seed }

        var base = initial
        // The loop's scratch is raw memory, allocated once: as local arrays, every write paid a
        // uniqueness check and a bounds check (measured: a fifth of the loop's own instructions).
        let pcs = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
        let holders = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
        let branches = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
        let key = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: threads)
        pcs.initialize(repeating: 0); holders.initialize(repeating: 0); branches.initialize(repeating: 0); key.initialize(repeating: 0)
        // One state's successors, generated before any is looked up (see `lookUp`): their worlds,
        // hashes, levels and choices (`Successor`). A thread has at most two branches. Each
        // successor is stepped into a world of its own and hashed and looked up from there,
        // canonicalised in place: a single scratch world copied into a byte buffer cost one more
        // `memcpy` per transition. A goal is handed each successor world and might keep it, so a
        // goal search never keeps a slot's storage (`Successor.owned`) and always takes `load`.
        let keepOwned = config.goal == nil
        // The same for the world being expanded, which the loop only reads through `World` API
        // (the engine keeps no copy): it takes each state by a plain copy into its own storage.
        let baseBytes = keepOwned ? base.withUnsafeMutableRawBytes { $0.baseAddress! } : nil
        // (Until a state's successors overwrite them, any pointer will do for `bytes` and `columns`.)
        let batch = UnsafeMutablePointer<Successor>.allocate(capacity: 2 * threads)
        let first = seed.columns
        batch.initialize(repeating: Successor(world: initial, owned: nil, bytes: UnsafeRawPointer(first), hash: 0, columns: first, choice: 0),
                         count: 2 * threads)
        // Each level's columns, beside `layers` (which owns the levels): the loop reaches a level
        // through its pointer alone, with no retain, release or bounds check.
        let columns = UnsafeMutablePointer<UnsafeMutablePointer<StateLayer.Columns>?>.allocate(capacity: top + 1)
        columns.initialize(repeating: nil, count: top + 1)
        for level in start...top { columns[level] = layers[level]?.columns }
        defer {
            withExtendedLifetime(seed) {}
            pcs.deallocate(); holders.deallocate(); branches.deallocate(); key.deallocate()
            batch.deinitialize(count: 2 * threads); batch.deallocate(); columns.deallocate()
        }
        var sink: UInt64 = 0
        let status = StatusTable(run: run, world: initial)
        defer { status.deallocate() }
        let clock = ContinuousClock()
        var lastReport = clock.now
        let judge = config.judge, count = config.count, goal = config.goal
        // A sharded pass's halves share the state bound out per level (below); mid-level they only
        // look at the other's stop requests.
        let maxStates = link == nil ? config.maxStates ?? Int.max : Int.max
        let cpuStart = Explorer.threadCPUSeconds()
        let maxDepth = config.maxDepth ?? Int.max
        // The tallies live in locals while the loop runs: every access to a stored `var` of this
        // class is a dynamic exclusivity check, and the loop touches them several times per state.
        var states = self.states, transitions = self.transitions, maxDepthSeen = self.maxDepthSeen
        var parents = self.parents, choices = self.choices, outcomes = self.outcomes, best = self.best
        var shortestTerminal = self.shortestTerminal, shortestFinished = self.shortestFinished
        var complete = self.complete, cancelled = self.cancelled, stop = self.stop
        self.parents = []; self.choices = []; self.outcomes = [:]
        defer {
            self.states = states; self.transitions = transitions; self.maxDepthSeen = maxDepthSeen
            self.parents = parents; self.choices = choices; self.outcomes = outcomes; self.best = best
            self.shortestTerminal = shortestTerminal; self.shortestFinished = shortestFinished
            self.complete = complete; self.cancelled = cancelled; self.stop = stop
        }

        levels: for level in start...top {
            // How many of this level's states to expand: all, bar a sharded pass's last level.
            var allotted = Int.max
            if let after = suspendAfter, states >= after, level > start, handOverWhen?() ?? true, layers[level...].contains(where: { $0 != nil }) {
                resume = (level, layers, 0)
                suspended = true
                break levels
            }
            if let link {
                // Both halves have expanded the level before (the first barrier); a stop one of
                // them asked for stops both here, at the same level.
                link.wait()
                switch ShardLink.Halt(rawValue: link.halt.load(ordering: .relaxed)) {
                case .cancelled?: cancelled = true; complete = false; stop = .cancelled; break levels
                case .memory?: complete = false; stop = .memory; break levels
                default: break
                }
                // File what the other half found for this level: it is complete once both have.
                let box = link.box(from: 1 - me, level: level)
                if box.pointee.count > 0 {
                    if columns[level] == nil {
                        let fresh = StateLayer(stride: stride, expected: box.pointee.count, counts: count, schedules: judge, pool: pool)
                        layers[level] = fresh
                        columns[level] = fresh.columns
                    }
                    Self.fileMail(box, spare: link.spare + (1 - me), into: columns[level].unsafelyUnwrapped, stride: stride, blocks: blocks)
                }
                var held = pool.heapBytes + outcomes.count * 64 + link.mailboxBytes(from: me)
                for l in layers where l != nil { held += l!.heapBytes }
                link.levelStart[me] = states; link.levelSize[me] = layers[level]?.count ?? 0; link.liveBytes[me] = held
                // The second barrier: both halves' figures for the level are in, and both decide
                // from the same figures, so they stop at the same point.
                link.wait()
                let live = link.liveBytes[0] + link.liveBytes[1]
                if me == 0 { peakBytes = max(peakBytes, live) }
                if live > maxBytes { complete = false; stop = .memory; break levels }
                if let bound = config.maxStates {
                    let before = link.levelStart[0] + link.levelStart[1]
                    if before + link.levelSize[0] + link.levelSize[1] > bound {
                        // The first half takes what is left first, so the pass stops after exactly
                        // `bound` states, as a whole pass does.
                        let first = min(link.levelSize[0], max(0, bound - before))
                        allotted = me == 0 ? first : max(0, bound - before - first)
                    }
                }
            }
            guard let layer = layers[level] else {
                if allotted != .max { complete = false; stop = .maxStates; break levels }
                continue
            }
            layers[level] = nil
            columns[level] = nil
            // The expanded level stays alive until its last state is expanded, so it counts as live.
            func liveBytes(_ layers: [StateLayer?], _ tables: Int) -> Int {
                var live = layer.heapBytes + tables + pool.heapBytes + (link?.mailboxBytes(from: me) ?? 0)
                for l in layers where l != nil { live += l!.heapBytes }
                return live
            }
            if link == nil {
                let live = liveBytes(layers, parents.capacity * 4 + choices.capacity + outcomes.count * 64)
                peakBytes = max(peakBytes, live)
                onLiveBytes?(live)
                if live > maxBytes { complete = false; stop = .memory; break levels }
            }

            expanding: for i in 0..<min(layer.count, allotted) {
                if states >= maxStates { complete = false; stop = .maxStates; break levels }
                if states & 1023 == 0 {
                    // Handing over mid-level: the level's states not yet expanded go with the
                    // levels to come (`resume`). Waiting for the level's end kept the verdict
                    // pass's thread idle for up to a level (N4K9: 12 ms of a 95 ms check).
                    if let after = suspendAfter, states >= after, states > 0, handOverWhen?() ?? true {
                        layers[level] = layer
                        resume = (level, layers, i)
                        suspended = true
                        break levels
                    }
                    if let link {
                        // A stop asked for by either half ends this level; both stop at the next.
                        if link.halt.load(ordering: .relaxed) != 0 { break expanding }
                        if me == 1 {
                            link.otherStates.store(states, ordering: .relaxed)
                            link.otherTransitions.store(transitions, ordering: .relaxed)
                            link.otherDepth.store(maxDepthSeen, ordering: .relaxed)
                            if states & 4095 == 0 && config.maxBytes != nil {
                                link.otherBytes.store(liveBytes(layers, outcomes.count * 64), ordering: .relaxed)
                            }
                        }
                    }
                    if me == 0 {
                        onStates?(states)
                        if isCancelled() {
                            if let link { link.halt.store(ShardLink.Halt.cancelled.rawValue, ordering: .relaxed); break expanding }
                            cancelled = true; complete = false; stop = .cancelled; break levels
                        }
                        if states & 4095 == 0 && config.maxBytes != nil {
                            let live = liveBytes(layers, parents.capacity * 4 + choices.capacity + outcomes.count * 64)
                                + (link?.otherBytes.load(ordering: .relaxed) ?? 0)
                            peakBytes = max(peakBytes, live)
                            onLiveBytes?(live)
                            if live > maxBytes {
                                if let link { link.halt.store(ShardLink.Halt.memory.rawValue, ordering: .relaxed); break expanding }
                                complete = false; stop = .memory; break levels
                            }
                        }
                        let now = clock.now
                        if now - lastReport >= .milliseconds(100) {
                            lastReport = now
                            let all = states + (link?.otherStates.load(ordering: .relaxed) ?? 0)
                            progress(ExplorationProgress(
                                states: all, transitions: transitions + (link?.otherTransitions.load(ordering: .relaxed) ?? 0),
                                depth: max(maxDepthSeen, link?.otherDepth.load(ordering: .relaxed) ?? 0),
                                fraction: config.maxStates.map { min(1, Double(all) / Double($0)) }, bytes: peakBytes))
                        }
                    }
                }
                let id = states
                states += 1
                if let q = baseBytes { copyWorld(q, layer.state(i).baseAddress!, stride) } else { base.load(layer.state(i)) }
                let depth = Int(layer.depth[i])
                maxDepthSeen = max(maxDepthSeen, depth)
                // `run.status(of:in:)` for every thread, read from the packed bytes.
                // Straight from the base's own storage when the loop holds it: through
                // `withUnsafeBufferPointer` the scan was a closure called once per state.
                let scanned: (enabled: UInt32, blocked: UInt32, slow: UInt32)
                if let q = baseBytes {
                    scanned = status.scan(UnsafePointer(q.assumingMemoryBound(to: UInt8.self)), pc: pcs.baseAddress!, branches: branches.baseAddress!,
                                          holder: holders.baseAddress!, key: key.baseAddress!)
                } else {
                    scanned = base.bytes.withUnsafeBufferPointer { p in
                        status.scan(p.baseAddress!, pc: pcs.baseAddress!, branches: branches.baseAddress!, holder: holders.baseAddress!, key: key.baseAddress!)
                    }
                }
                var (enabled, blocked, slow) = scanned
                if slow != 0 {
                    StatusTable.judge(slow, run: run, world: base, enabled: &enabled, blocked: &blocked,
                                      branches: branches.baseAddress!, holder: holders.baseAddress!, key: key.baseAddress!)
                }
                assert((0..<threads).allSatisfy { t in
                    switch run.status(of: t, in: base) {
                    case .runnable(let pc, let canFail): enabled & (1 << UInt32(t)) != 0 && pcs[t] == pc && branches[t] == (canFail ? 2 : 1)
                    case .blocked(let pc, let b): blocked & (1 << UInt32(t)) != 0 && pcs[t] == pc && holders[t] == b.holder
                    case .done(let e): key[t] == e.rawValue && (enabled | blocked) & (1 << UInt32(t)) == 0
                    case .crashed: key[t] == Self.crashedByte && (enabled | blocked) & (1 << UInt32(t)) == 0
                    }
                }, "the lock-table status scan disagrees with Run.status")
                if judge {
                    parents.append(layer.parent[i])
                    choices.append(layer.choice[i])
                    var broken = run.broken(in: base, progress: .init(anyRunnable: enabled != 0, anyBlocked: blocked != 0))
                    if let own = config.staleGroups, broken.contains(InvariantSet(.staleOwner)),
                       !own.contains(where: { run.scheme.staleOwnership(ofGroup: $0, in: base, run: run) != nil }) {
                        broken.remove(InvariantSet(.staleOwner))
                    }
                    if !broken.isEmpty { Self.record(broken, id: id, depth: depth, in: &best) }
                    if enabled == 0 {
                        if shortestTerminal.map({ depth < $0.depth }) ?? true { shortestTerminal = (id, depth) }
                        if blocked == 0 && !base.flags.contains(.bugOn), shortestFinished.map({ depth < $0.depth }) ?? true {
                            shortestFinished = (id, depth)
                        }
                    }
                }
                if enabled == 0 {
                    tally(key, blocked: blocked, world: base, id: id, depth: depth, paths: count ? layer.paths[i] : 0, into: &outcomes)
                    continue
                }
                if depth >= maxDepth { complete = false; stop = stop ?? .maxDepth; continue }
                var expand = enabled
                if config.reduce, let persistent {
                    expand = persistent.choose(enabled: enabled, blocked: blocked, holder: holders.baseAddress!, pc: pcs.baseAddress!)
                }
                let paths = count ? layer.paths[i] : 0
                let crashed = base.flags.contains(.bugOn)
                let from = base.bytes.withUnsafeBytes { $0.baseAddress! }
                // Three passes over the state's successors. The first only steps each into a slot of
                // its own: `run.step` is a call that may clobber every register, so whatever else the
                // loop kept live across it went to the stack and back once per transition (much of
                // the loop's 190 instructions a transition on N6K7 were such spills and reloads).
                var n = 0
                while expand != 0 {
                    let t = expand.trailingZeroBitCount
                    expand &= expand &- 1
                    for f in 0..<branches[t] {
                        let succ = batch + n
                        if let q = succ.pointee.owned {
                            copyWorld(q, from, stride)
                        } else {
                            succ.pointee.world.load(UnsafeRawBufferPointer(start: from, count: stride))
                        }
                        run.step(&succ.pointee.world, thread: t, fail: f == 1)
                        if let goal, goalReached.map({ depth + 1 < $0.depth }) ?? true, goal(base, succ.pointee.world, t, f == 1) {
                            goalReached = (id, Choice(thread: t, fail: f == 1), depth + 1)
                        }
                        succ.pointee.choice = UInt8(truncatingIfNeeded: t << 1 | f)
                        n &+= 1
                    }
                }
                transitions &+= n
                // The second finds each successor's level and folds it, with no call in the way (bar a
                // new level or a fold), so its values stay in registers; the third (`lookUp`)
                // hashes each and looks it up.
                for j in 0..<n {
                    let succ = batch + j
                    let t = Int(truncatingIfNeeded: succ.pointee.choice &>> 1)
                    // The slot's storage, read through this pointer until the slot is next
                    // written (the next state's steps): nothing else holds or changes it.
                    // Folding threads rewrites it in place. (Outside the closures:
                    // canonicalising inside one had the optimiser outline it.)
                    var bytes = succ.pointee.owned
                    if bytes == nil || UnsafeRawPointer(bytes!) != succ.pointee.world.bytes.withUnsafeBytes({ $0.baseAddress! }) {
                        bytes = succ.pointee.world.withUnsafeMutableRawBytes { $0.baseAddress! }
                        succ.pointee.owned = keepOwned ? bytes : nil
                    }
                    // Steps write only their own thread's record, so Φ moves by that thread's change (and a crash).
                    // Read from the bytes: through `World` each read paid a bounds check.
                    let record = bytes.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
                    let r = status.record(t)
                    let phi: Int
                    if byLength {
                        phi = level &+ 1
                    } else {
                        phi = level &+ Int(truncatingIfNeeded: record[r]) &- pcs[t] &+ (record[r &+ 1] != 0 ? 1 : 0)
                            &+ (!crashed && record[0] & World.Flags.bugOn.rawValue != 0 ? 1 : 0)
                        assert(phi == Self.potential(succ.pointee.world, threads: threads))
                    }
                    precondition(phi > level && phi <= top, "a step did not advance its thread: the state graph must be acyclic")
                    // Neighbouring levels are of similar size, so this level's size is a fair guess.
                    if columns[phi] == nil {
                        let fresh = StateLayer(stride: stride, expected: layer.count, counts: count, schedules: judge, pool: pool)
                        layers[phi] = fresh
                        columns[phi] = fresh.columns
                    }
                    symmetry?.canonicalize(bytes!, stepped: t)
                    succ.pointee.bytes = UnsafeRawPointer(bytes!)
                    succ.pointee.columns = columns[phi].unsafelyUnwrapped
                    succ.pointee.level = Int32(truncatingIfNeeded: phi)
                }
                let d = UInt32(truncatingIfNeeded: depth &+ 1), p = UInt32(truncatingIfNeeded: id)
                if let mailboxes, let spare {
                    switch blocks {
                    case -1: sink &+= Self.lookUpSharded(WorldBlocksShort.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 0: sink &+= Self.lookUpSharded(WorldBlocks0.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 1: sink &+= Self.lookUpSharded(WorldBlocks1.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 2: sink &+= Self.lookUpSharded(WorldBlocks2.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 3: sink &+= Self.lookUpSharded(WorldBlocks3.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 4: sink &+= Self.lookUpSharded(WorldBlocks4.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 5: sink &+= Self.lookUpSharded(WorldBlocks5.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 6: sink &+= Self.lookUpSharded(WorldBlocks6.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    case 7: sink &+= Self.lookUpSharded(WorldBlocks7.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    default: sink &+= Self.lookUpSharded(WorldBlocksLong.self, batch, count: n, stride: stride, paths: paths, depth: d, mailboxes: mailboxes, spare: spare, me: me, keys: keys)
                    }
                    continue
                }
                switch blocks {
                case -1: sink &+= Self.lookUp(WorldBlocksShort.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 0: sink &+= Self.lookUp(WorldBlocks0.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 1: sink &+= Self.lookUp(WorldBlocks1.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 2: sink &+= Self.lookUp(WorldBlocks2.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 3: sink &+= Self.lookUp(WorldBlocks3.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 4: sink &+= Self.lookUp(WorldBlocks4.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 5: sink &+= Self.lookUp(WorldBlocks5.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 6: sink &+= Self.lookUp(WorldBlocks6.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                case 7: sink &+= Self.lookUp(WorldBlocks7.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                default: sink &+= Self.lookUp(WorldBlocksLong.self, batch, count: n, stride: stride, paths: paths, depth: d, parent: p)
                }
            }
            if allotted != .max { complete = false; stop = .maxStates; break levels }
        }
        touchSink = sink
        ownCPUSeconds = Explorer.threadCPUSeconds() - cpuStart
    }

    /// The outcomes of folded threads shared out (or the pass marked for a rerun), and the last progress report.
    private func finish(progress: (ExplorationProgress) -> Void) {
        if let symmetry = config.symmetry {
            if let each = symmetry.expand(outcomes, exact: complete) { outcomes = each } else { outcomes = [:]; symmetrySaturated = true }
        }
        reportDone(progress)
    }

    /// The last progress report of a finished pass (none when it was cancelled).
    func reportDone(_ progress: (ExplorationProgress) -> Void) {
        if !cancelled { progress(ExplorationProgress(states: states, transitions: transitions, depth: maxDepthSeen, fraction: complete ? 1 : nil, bytes: peakBytes)) }
    }

    /// CPU seconds the search's last run used on its own thread (read from a sharded pass's second
    /// half, and from a counting pass run ahead on a thread of its own).
    private(set) var ownCPUSeconds = 0.0

    /// Puts the second half of a sharded pass (`other`, finished) into this first half, and finishes the pass.
    func absorb(_ other: LayeredSearch, progress: (ExplorationProgress) -> Void) {
        states += other.states; transitions += other.transitions
        maxDepthSeen = max(maxDepthSeen, other.maxDepthSeen)
        complete = complete && other.complete
        cancelled = cancelled || other.cancelled
        stop = stop ?? other.stop
        touchSink &+= other.touchSink
        otherCPUSeconds = other.ownCPUSeconds
        for (key, n) in other.outcomes { outcomes[key] = Self.saturatingAdd(outcomes[key, default: 0], n) }
        finish(progress: progress)
    }

    /// One successor of the state being expanded, between its step and its lookup: its world,
    /// where its bytes are, their hash (written by `lookUp`), its level's columns and the choice
    /// that made it. One array of these rather than six columns: the loop keeps one base pointer
    /// live instead of six, and the optimiser one induction variable.
    struct Successor {
        var world: World
        /// The world's storage once this slot is known to be its only holder (made unique through
        /// `withUnsafeMutableRawBytes`, and seen unmoved after the step since): the next state's
        /// step into this slot starts with a plain copy of the base world into it, not
        /// `World.load` (a call, a precondition and a uniqueness check per transition).
        var owned: UnsafeMutableRawPointer?
        var bytes: UnsafeRawPointer
        var hash: UInt64
        var columns: UnsafeMutablePointer<StateLayer.Columns>
        var choice: UInt8
        /// The successor's level, for a sharded pass's mailbox.
        var level: Int32 = 0
    }

    /// Hashes a state's successors and looks them up in their levels (`StateLayer.reach`), all
    /// reached by `paths` interleavings at `depth` from state `parent`; `B` is the worlds' number
    /// of blocks (`WorldBlocks`), so each specialisation hashes and compares them in a straight
    /// sequence, and hashing here rather than in the search's loop keeps it out of that loop's
    /// crowded registers.
    ///
    /// The level tables are far bigger than the cache and a lookup almost always misses it:
    /// reading every successor's slot first (`touch`) lets those misses overlap instead of
    /// queueing behind one another (the lookups were a quarter of the pass). The value returned
    /// means nothing: the caller keeps it so those reads stay.
    ///
    /// A function of its own, called once per state: inlined into the search, the lookups shared
    /// its registers with the rest of the loop and spilled; left to the optimiser, `reach` became
    /// a call per successor with the arguments and the level's columns set up each time.
    @inline(never)
    private static func lookUp<B: WorldBlocks>(_: B.Type, _ batch: UnsafeMutablePointer<Successor>, count n: Int, stride: Int,
                                               paths: ScheduleCount, depth: UInt32, parent: UInt32) -> UInt64 {
        for j in 0..<n { batch[j].hash = StateHash.hash(batch[j].bytes, stride, blocks: B.before) }
        var sink: UInt64 = 0
        for j in 0..<n { sink &+= StateLayer.touch(batch[j].columns, hash: batch[j].hash) }
        for j in 0..<n {
            let s = batch[j]
            StateLayer.reach(s.columns, s.bytes, hash: s.hash, paths: paths, depth: depth, parent: parent, choice: s.choice, blocks: B.before)
        }
        return sink
    }

    /// Adds a terminal state's interleavings to its outcome (`key`: each thread's result byte).
    /// Out of line: terminal states are few, and inlined into the search loop this bookkeeping
    /// (arrays, dictionaries) kept values live across the per-successor code.
    @inline(never)
    private func tally(_ key: UnsafeMutableBufferPointer<UInt8>, blocked: UInt32, world: World, id: Int, depth: Int, paths n: ScheduleCount,
                       into outcomes: inout [[UInt8]: ScheduleCount]) {
        // Blocked threads that only wait for a user to let go are "waiting", not "deadlocked".
        let results = Array(key)
        var key = blocked == 0 ? results : Self.terminalKey(results, run: run, world: world)
        config.symmetry?.canonicalize(results: &key)
        if config.judge, shortestOutcome[key].map({ depth < $0.depth }) ?? true { shortestOutcome[key] = (id, depth) }
        if config.byLength {
            key.append(UInt8(truncatingIfNeeded: depth)); key.append(UInt8(truncatingIfNeeded: depth >> 8))
        }
        outcomes[key, default: 0] = Self.saturatingAdd(outcomes[key, default: 0], n)
    }

    private static func record(_ broken: InvariantSet, id: Int, depth: Int, in best: inout [(id: Int, depth: Int)?]) {
        for (k, inv) in Invariant.allCases.enumerated() where broken.contains(InvariantSet(inv)) {
            if let b = best[k], b.depth <= depth { continue }
            best[k] = (id, depth)
        }
    }

    @inline(__always)
    static func saturatingAdd(_ a: ScheduleCount, _ b: ScheduleCount) -> ScheduleCount {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? .max : s
    }

    /// The invariants broken, each with its shortest schedule found (parent chain read backwards).
    func counterexamples() -> [Counterexample] {
        var out: [Counterexample] = []
        for (k, inv) in Invariant.allCases.enumerated() {
            guard let b = best[k] else { continue }
            let schedule = schedule(to: b.id)
            var w = initial
            for c in schedule { run.step(&w, thread: c.thread, fail: c.fail) }
            let message = run.violations(in: w).first { $0.invariant == inv }?.message ?? inv.meaning
            out.append(Counterexample(invariant: inv, message: message, schedule: schedule))
        }
        return out
    }

    /// The shortest schedule found to expanded state `id` (parent chain read backwards).
    ///
    /// With folded threads the chain's choices name threads of each representative, not of the
    /// run: it is replayed through the representatives (each made from its predecessor exactly as
    /// the search made it), following where every thread went, so the schedule returned is one the
    /// run itself takes, to a state the representative stands for.
    func schedule(to id: Int) -> [Choice] {
        var chain: [Choice] = []
        var id = id
        while parents[id] != UInt32.max {
            let c = choices[id]
            chain.append(Choice(thread: Int(c >> 1), fail: c & 1 == 1))
            id = Int(parents[id])
        }
        chain.reverse()
        guard let symmetry = config.symmetry else { return chain }
        // `real[t]`: the run's thread that thread `t` of the current representative stands for.
        var real = Array(0..<run.operations.count)
        var w = initial
        return chain.map { c in
            let taken = Choice(thread: real[c.thread], fail: c.fail)
            run.step(&w, thread: c.thread, fail: c.fail)
            let moved = symmetry.canonicalize(&w)
            var next = real
            for t in moved.indices { next[moved[t]] = real[t] }
            real = next
            return taken
        }
    }

    /// The result bytes of the terminal world `w`, as the search keys outcomes.
    private func resultKey(_ w: World) -> [UInt8] {
        let key: [UInt8] = (0..<run.operations.count).map { t in
            switch run.status(of: t, in: w) {
            case .done(let e): e.rawValue
            case .crashed: Self.crashedByte
            case .blocked, .runnable: Self.deadlockedByte
            }
        }
        return Self.terminalKey(key, run: run, world: w)
    }

    /// With a goal: the shortest schedule ending in a goal step, nil when none does.
    func goalSchedule() -> [Choice]? {
        goalReached.map { schedule(to: $0.parent) + [$0.choice] }
    }

    /// Each outcome met (results in thread order) with the shortest schedule found ending that way:
    /// the counterexample search's parent chains, read for terminal states instead of broken ones.
    /// With folded threads a key stands for every arrangement of its swapped results, and each
    /// gets the schedule found with its threads renumbered (swapping threads maps schedules to schedules).
    func outcomeSchedules() -> [[String]: [Choice]] {
        var out: [[String]: [Choice]] = [:]
        for (key, end) in shortestOutcome {
            let found = schedule(to: end.id)
            guard let symmetry = config.symmetry else { out[key.map(Self.resultName)] = found; continue }
            var w = initial
            for c in found { run.step(&w, thread: c.thread, fail: c.fail) }
            let reached = resultKey(w)
            for other in symmetry.arrangements(of: key) {
                let map = symmetry.relabelling(from: reached, to: other)
                out[other.map(Self.resultName)] = found.map { Choice(thread: map[$0.thread], fail: $0.fail) }
            }
        }
        return out
    }

    /// Each invariant broken and the state (expanded id) and length of its shortest schedule.
    var brokenAt: [(invariant: Invariant, id: Int, depth: Int)] {
        Invariant.allCases.enumerated().compactMap { k, inv in best[k].map { (inv, $0.id, $0.depth) } }
    }

    /// The outcomes as results in thread order, most frequent first.
    func outcomeList() -> [Outcome] {
        Outcome.mostFrequentFirst(outcomes.map { key, n in Outcome(results: key.map(Self.resultName), schedules: n) })
    }

    static func resultName(_ b: UInt8) -> String {
        switch b {
        case crashedByte: "crashed"
        case deadlockedByte: "deadlocked"
        case waitingByte: "waiting"
        default: (Errno(rawValue: b) ?? .ok).name
        }
    }
}
