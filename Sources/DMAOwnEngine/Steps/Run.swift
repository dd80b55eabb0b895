/// A scenario being executed: the topology, a scheme and the operations of its threads, with each
/// thread's step program compiled once.
///
/// `Run` is immutable context; all that changes lives in `World`, so a schedule is just a list of
/// (thread, choice) pairs replayed from an initial world.
public struct Run: Sendable {
    public let topology: Topology
    public let scheme: any Scheme
    public private(set) var operations: [Operation]
    public private(set) var programs: [Program]
    /// Per thread, what its steps lock, worked out once: `status` runs for every thread of every
    /// state the explorer visits and should not walk the operation and topology each time.
    private var locks: [ThreadLocks]
    /// The topology as the raw-byte isolation scan the explorer runs on every state reads it.
    let isolationScan: IsolationScan
    /// What `step` needs of every step of every thread, worked out once.
    private var moves = MoveTable()

    /// The locks of one thread: its own device and group, and the lock kind each step takes.
    private struct ThreadLocks: Sendable {
        let device: Int?
        let group: Int
        let acquires: [LockKind?]

        init(_ op: Operation, _ program: Program, in topology: Topology) {
            device = op.device
            group = op.group(in: topology)
            acquires = program.steps.map(\.acquires)
        }
    }

    public init(topology: Topology, scheme: any Scheme, operations: [Operation]) {
        self.topology = topology
        self.scheme = scheme
        self.operations = operations
        let programs = operations.map { scheme.program(for: $0, in: topology) }
        self.programs = programs
        self.locks = zip(operations, programs).map { ThreadLocks($0, $1, in: topology) }
        self.isolationScan = IsolationScan(topology)
        for (op, program) in zip(operations, programs) { moves.append(op, program, in: topology) }
    }

    /// Adds a thread for `op` to the run and to `world`; returns the new thread's index.
    @discardableResult
    public mutating func add(_ op: Operation, to world: inout World) -> Int {
        let program = scheme.program(for: op, in: topology)
        operations.append(op)
        programs.append(program)
        locks.append(ThreadLocks(op, program, in: topology))
        moves.append(op, program, in: topology)
        return world.addThread()
    }

    /// The same operations under another scheme.
    public func switching(to scheme: any Scheme) -> Run {
        Run(topology: topology, scheme: scheme, operations: operations)
    }

    /// `world` with one fresh thread per operation appended.
    public func start(from world: World) -> World {
        var w = world.withoutThreads
        for _ in operations { w.addThread() }
        return w
    }

    // MARK: Status

    /// What stops a thread from taking its next step.
    public struct Blocker: Hashable, Sendable {
        public let lock: LockRef
        /// The thread holding the lock, or `Blocker.userSpace` when the thread waits for a user.
        public let holder: Int

        /// The `holder` of a wait on user space: no thread of the run holds it, any may end it.
        public static let userSpace = -1

        /// The thread waits for a user to let go (vfio-pci's `remove()`), not for a kernel lock.
        public var waitsForUser: Bool { if case .user = lock { true } else { false } }
    }

    /// A specific lock in the world, or the user a VFIO driver's `remove()` waits for.
    public enum LockRef: Hashable, Sendable {
        case device(Int)
        case group(Int)
        /// `owner` still holds device `device` (its VFIO group, or its cdev bound to iommufd).
        case user(owner: Int, device: Int)
    }

    /// Where a thread stands in a world.
    public enum ThreadStatus: Equatable, Sendable {
        /// It may step; `canFail` when the step is a `may_fail` choice point.
        case runnable(pc: Int, canFail: Bool)
        case blocked(pc: Int, Blocker)
        case done(Errno)
        /// The machine hit `BUG_ON` before this thread finished.
        case crashed
    }

    /// The thread's status in `world`.
    public func status(of t: Int, in world: World) -> ThreadStatus {
        let (pc, done) = world.progress(ofThread: t)
        if done { return .done(world[thread: t].result) }
        if world.flags.contains(.bugOn) { return .crashed }
        if let blocker = blocker(for: locks[t].acquires[pc], thread: t, in: world) {
            return .blocked(pc: pc, blocker)
        }
        // Read fields in place: copying the Program would retain every array and string in it.
        return .runnable(pc: pc, canFail: programs[t].canFail[pc])
    }

    /// Whether thread `t` can step now, and how many branches it has (0, 1 or 2).
    @inline(__always)
    public func choices(of t: Int, in world: World) -> Int {
        if case .runnable(_, let canFail) = status(of: t, in: world) { return canFail ? 2 : 1 }
        return 0
    }

    /// True when every thread is done or crashed.
    public func isFinished(_ world: World) -> Bool {
        world.flags.contains(.bugOn) || (0..<operations.count).allSatisfy { world.progress(ofThread: $0).done }
    }

    /// The step thread `t` will take next (or took last, once done).
    public func currentStep(of t: Int, in world: World) -> Step? {
        let ts = world[thread: t]
        return ts.done ? nil : programs[t].steps[ts.pc]
    }

    // MARK: Stepping

    /// Takes thread `t`'s next step, on the failure branch when `fail` is set.
    ///
    /// The caller must have seen the thread `runnable`; stepping a blocked or finished thread is a
    /// scheduling bug and traps.
    @inline(__always)
    public func step(_ world: inout World, thread t: Int, fail: Bool = false) {
        // The record is read before `t` is checked (by `moves.move`), through a bounds check.
        let record = world.threadRecord(t)
        let r = world.record(at: record)
        let pc = Int(r.0)
        let move = moves.move(thread: t, pc: pc)
        precondition(r.1 == 0, "thread \(t + 1) is finished")
        assert(Int(world.deviceBase) == World.headerSize + World.recordSize * topology.groups.count,
               "the world is not laid out for this run's topology")
        if move.onlyLocks {
            // `mutex_lock(&group->mutex)` and the like: the lock and the next pc in one write.
            world.takeLock(at: Int(move.lockByte), thread: t, orderCheck: Int(move.orderByte),
                           settingPC: UInt8(truncatingIfNeeded: pc &+ 1), atRecord: record)
            return
        }
        if move.lockByte >= 0 { world.takeLock(at: Int(move.lockByte), thread: t, orderCheck: Int(move.orderByte)) }
        let context = StepContext(thread: t, failed: fail && move.canFail)
        // `moves` keeps the box alive for as long as `self` is, so it need not be retained here.
        let flow = move.action._withUnsafeGuaranteedRef { $0.run(&world, context) }
        switch flow {
        // Below 256: a `MoveTable` holds no program of 256 steps or more.
        case .next:
            // `pc + 1` by incrementing the byte: no step's action writes its own thread's pc, and
            // the pc need not be kept across the call.
            assert(world.progress(ofThread: t).pc == pc, "a step's action moved its own pc")
            world.advancePC(atRecord: record)
        case .goto(let label): world.setPC(atRecord: record, UInt8(truncatingIfNeeded: moves.target(of: label, thread: t)))
        case .finish(let e): world.finish(atRecord: record, result: e)
        case .halt: break
        }
    }

    private func blocker(for kind: LockKind?, thread t: Int, in world: World) -> Blocker? {
        guard let kind else { return nil }
        switch kind {
        case .deviceLock:
            let d = locks[t].device!
            return world.lockHolder(ofDevice: d).map { Blocker(lock: .device(d), holder: $0) }
        case .groupMutex:
            let g = locks[t].group
            return world.mutexHolder(ofGroup: g).map { Blocker(lock: .group(g), holder: $0) }
        case .siblingLock(let d):
            return world.lockHolder(ofDevice: d).map { Blocker(lock: .device(d), holder: $0) }
        case .userLetGo:
            let d = locks[t].device!
            return userHolding(d, in: world).map { Blocker(lock: .user(owner: $0, device: d), holder: Blocker.userSpace) }
        }
    }

    /// The user a VFIO driver's `remove()` on device `d` must wait for: the VFIO user holding its
    /// group, or the iommufd context its cdev is bound to. Nil when `d` is not on a VFIO driver.
    public func userHolding(_ d: Int, in world: World) -> Int? {
        guard let drv = world[device: d].driver, topology.drivers[drv].vfio else { return nil }
        // The VFIO user from the group's front-end byte alone (`holders` decodes both of them).
        let user = world.vfioByte(ofGroup: topology.devices[d].group) & 0x7F
        return user != 0 ? Int(user) - 1 : world[binding: d].context
    }

    // MARK: Words for people

    /// "group 7 mutex held by thread 2", or for a wait on user space "qemu to let go of 0000:01:00.0".
    public func describe(_ b: Blocker) -> String {
        b.waitsForUser ? describe(b.lock) : "\(describe(b.lock)) held by thread \(b.holder + 1)"
    }

    /// Why a blocked thread cannot move, as a phrase: "blocked on group 7 mutex held by thread 2" or
    /// "waiting for qemu to let go of 0000:01:00.0".
    public func blockedReason(_ b: Blocker) -> String {
        b.waitsForUser ? "waiting for \(describe(b))" : "blocked on \(describe(b))"
    }

    /// "group 7 mutex", "device_lock(0000:01:00.1)" or "qemu to let go of 0000:01:00.0".
    public func describe(_ lock: LockRef) -> String {
        switch lock {
        case .device(let d): "device_lock(\(topology.devices[d].name))"
        case .group(let g): "group \(topology.groups[g].id) mutex"
        case .user(let o, let d): "\(topology.owners[o]) to let go of \(topology.devices[d].name)"
        }
    }

    /// The operation line of thread `t`.
    public func line(of t: Int) -> String { topology.describe(operations[t]) }

    /// The owner as a person reads it: "qemu", "the kernel DMA API", "vfio-pci", "nobody".
    public func describe(_ owner: OwnerToken) -> String {
        switch owner {
        case .none: "nobody"
        case .dmaAPI: "the kernel DMA API"
        case .user(let o): topology.owners[o]
        case .driver(let d): topology.drivers[d].name
        }
    }

    /// The domain as a person reads it.
    public func describe(_ domain: Domain) -> String { topology.describeDomain(domain) }
}

extension Run {
    /// Who owns the group as a whole, in the words every view and export uses: a user owner or
    /// managed driver by name, "the kernel DMA API" (Robin's token, or kernel users counted with no
    /// owner), or "nobody".
    public func describeOwnership(_ gs: World.GroupState) -> String {
        gs.owner == .none && gs.ownerCount > 0 ? describe(OwnerToken.dmaAPI) : describe(gs.owner)
    }
}
