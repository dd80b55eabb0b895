/// What `Run.step` needs of every step of every thread, flattened and worked out once per run:
/// thread `t`'s step `pc` is entry `firstMove[t] + pc`, and `firstMove[t + 1]` is where the next
/// thread's steps start.
///
/// `step` runs for every transition the explorer takes. Reaching the action through
/// `programs[t].steps[pc]` made the compiler retain and release the closure's context around
/// each call (it cannot see that the nested arrays outlive the call), and taking the lock went
/// through `LockKind` and `LockRef` to decode and re-encode whole records. A flat table of
/// closures and byte offsets needs neither.
///
/// `move(thread:pc:)` checks the thread and the pc once against `firstMove` and reads the entry
/// without a second bounds check (the table is built so that every `firstMove` entry lies within
/// `moves`), and a `goto` finds its target in `targets` instead of scanning the program's labels:
/// with the bounds and overflow checks of three array reads gone, and the thread's record found
/// once (`World.threadRecord`), `step` itself costs 93 instructions a call instead of 112
/// (147 M → 122 M of a default N4K9 check, issue 14).
struct MoveTable: Sendable {
    /// A step's action in a box of its own, so `step` can call it through an unretained reference.
    /// Even from the flat table the compiler retained and released a closure stored inline around
    /// the call (4% of the instructions of an unreduced check); a guaranteed reference to the box
    /// lets it call the closure as it is.
    final class Action: Sendable {
        let run: @Sendable (inout World, StepContext) -> Flow
        init(_ run: @escaping @Sendable (inout World, StepContext) -> Flow) { self.run = run }
    }

    /// One step of one thread, as `step` runs it.
    struct Move: Sendable {
        /// Owned by `MoveTable.actions`.
        let action: Unmanaged<Action>
        /// The holder byte of the lock the step takes before it runs, or -1 when it takes none
        /// (waiting for a user to let go takes nothing).
        let lockByte: Int32
        /// When the lock is a `device_lock`, the holder byte of the thread's own group mutex: holding
        /// it at that moment breaks the lock order (`device_lock` before `group->mutex`; the reverse
        /// can deadlock against probe). A thread only ever takes its own operation's group mutex,
        /// so that is the only one to look at. -1 otherwise.
        let orderByte: Int32
        /// The scheduler may choose the failure branch here.
        let canFail: Bool
        /// The step takes its lock and goes on, nothing else (`Step.onlyLocks`): `step` does not
        /// call its action.
        let onlyLocks: Bool
    }

    private var firstMove: ContiguousArray<Int> = [0]
    private var moves: ContiguousArray<Move> = []
    /// Per thread, the pc of the step each `JumpLabel` names (`JumpLabel.slot`), -1 when its
    /// program has no such step.
    private var targets: ContiguousArray<Int> = []
    /// Owns the action boxes `moves` refers to unretained, so they live as long as the table.
    private var actions: [Action] = []

    /// Adds the moves of `program`, the steps of `op`, for worlds of `topology`'s layout.
    mutating func append(_ op: Operation, _ program: Program, in topology: Topology) {
        // The pc is one byte of the thread's record and `step` writes `pc + 1` after every step.
        precondition(program.steps.count < 256, "a program of \(program.steps.count) steps does not fit a one-byte pc")
        let groups = topology.groups.count
        let ownMutex = Int32(World.mutexByte(ofGroup: op.group(in: topology)))
        func deviceLock(_ d: Int) -> Int32 { Int32(World.lockByte(ofDevice: d, groups: groups)) }
        for pc in program.steps.indices {
            let step = program.steps[pc]
            let (lock, order): (Int32, Int32) = switch step.acquires {
            case nil, .userLetGo?: (-1, -1)
            case .groupMutex?: (ownMutex, -1)
            case .deviceLock?: (deviceLock(op.device!), ownMutex)
            case .siblingLock(let d)?: (deviceLock(d), ownMutex)
            }
            let action = Action(step.action)
            actions.append(action)
            moves.append(Move(action: Unmanaged.passUnretained(action), lockByte: lock, orderByte: order, canFail: program.canFail[pc],
                              onlyLocks: step.onlyLocks && lock >= 0))
        }
        firstMove.append(moves.count)
        for label in JumpLabel.slots { targets.append(program.target(of: label) ?? -1) }
    }

    /// Thread `t`'s step `pc`. A thread or pc the table does not have traps here, once.
    @inline(__always)
    func move(thread t: Int, pc: Int) -> Move {
        firstMove.withUnsafeBufferPointer { first in
            // One unsigned comparison for `0 <= t < threads` (`first` always holds its leading 0).
            precondition(UInt(bitPattern: t) < UInt(bitPattern: first.count &- 1), "thread \(t + 1) is not in the run")
            let i = first[t] &+ pc
            precondition(pc >= 0 && i < first[t &+ 1], "thread \(t + 1) has no step \(pc)")
            // In bounds: firstMove only holds offsets into `moves`, and `i` is below the next one.
            return moves.withUnsafeBufferPointer { $0[i] }
        }
    }

    /// The pc thread `t` jumps to on `goto(label)`; a label its program lacks is a bug in a scheme.
    @inline(__always)
    func target(of label: JumpLabel, thread t: Int) -> Int {
        let pc = targets[t &* JumpLabel.slots.count &+ label.slot]
        precondition(pc >= 0, "no step labelled \(label)")
        return pc
    }
}

extension JumpLabel {
    /// Every label, each at its `slot`.
    static let slots: [JumpLabel] = [.unwind, .cleanup, .out]

    /// The label's place in `MoveTable`'s per-thread targets.
    @inline(__always)
    var slot: Int {
        switch self {
        case .unwind: 0
        case .cleanup: 1
        case .out: 2
        }
    }
}
