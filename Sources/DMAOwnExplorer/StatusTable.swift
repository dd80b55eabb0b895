import DMAOwnEngine

/// `Run.status(of:in:)` for every thread of a packed world, as the search asks it of every state:
/// the run's lock table (`Run.LockTable`) packed into one 32-bit entry per thread and step, so a
/// thread costs one record read, one entry read and one byte read.
///
/// An entry is the offset of the byte saying whether the step may run (the holder byte of the
/// lock it takes: thread + 1, 0 when free) with the step's branch count above it, or `slow` when
/// only `Run.status` can tell (vfio-pci's `remove()` waiting for a user). A step that takes no
/// lock points at its own thread's `finished` byte, which is 0 whenever the entry is read (a
/// finished thread's entry is not): every step is then tested the same way, without a branch
/// for "no lock". Reading the lock table's four columns cost ~31 instructions per thread and
/// state on N4K9 (a closure of its own, 8% of the check).
///
/// A struct of raw pointers, freed by `deallocate()`: as a class, or holding the run, it was
/// retained and released around every scan (measured: four retains per state).
struct StatusTable {
    /// Per thread: the offset of its record and where its entries start.
    private let thread: UnsafeMutableBufferPointer<(record: Int32, start: Int32)>
    private let entry: UnsafeMutableBufferPointer<Int32>
    /// A finished thread's result byte as `Errno` reads it (`.ok` for a byte it does not know).
    private let result: UnsafeMutableBufferPointer<UInt8>
    private let threads: Int
    /// The entry of a step only `Run.status` can judge: the one negative entry (`scan` tests the sign).
    static let slow = Int32.min
    private static let offsetBits: Int32 = 24

    init(run: Run, world: World) {
        let locks = run.lockTable(for: world)
        threads = run.operations.count
        thread = .allocate(capacity: threads)
        entry = .allocate(capacity: max(1, locks.holderByte.count))
        entry.initialize(repeating: Self.slow)
        for t in 0..<threads {
            let r = locks.threadRecord[t], start = locks.start[t]
            thread[t] = (Int32(r), Int32(start))
            let end = t + 1 < threads ? locks.start[t + 1] : locks.holderByte.count
            for at in start..<end {
                let holder = locks.holderByte[at]
                guard holder != Run.LockTable.slow else { continue }
                let offset = holder == Run.LockTable.none ? Int32(r + 1) : holder
                precondition(offset >= 0 && offset < 1 << Self.offsetBits, "a world of \(world.bytes.count) bytes is too large for the status table")
                entry[at] = offset | (locks.canFail[at] ? 2 : 1) << Self.offsetBits
            }
        }
        result = .allocate(capacity: 256)
        for b in 0..<256 { result[b] = (Errno(rawValue: UInt8(b)) ?? .ok).rawValue }
    }

    /// The offset of thread `t`'s record.
    @inline(__always)
    func record(_ t: Int) -> Int { Int(truncatingIfNeeded: thread[t].record) }

    func deallocate() { thread.deallocate(); entry.deallocate(); result.deallocate() }

    /// Each thread's status in the packed world `p`: the masks of runnable and blocked threads,
    /// and of those only `Run.status` can judge (`slow`, for the caller to ask); `pc[t]` of every
    /// thread in the three masks, `branches[t]` of a runnable and `holder[t]` of a blocked one;
    /// `key[t]` (the terminal result byte) of every thread in none of them. A runnable thread's
    /// `key` byte is left as it was: it is only read when no thread is runnable.
    @inline(__always)
    func scan(_ p: UnsafePointer<UInt8>, pc: UnsafeMutablePointer<Int>, branches: UnsafeMutablePointer<Int>,
              holder: UnsafeMutablePointer<Int>, key: UnsafeMutablePointer<UInt8>) -> (enabled: UInt32, blocked: UInt32, slow: UInt32) {
        if p[0] & World.Flags.bugOn.rawValue != 0 { return halted(p, key: key) }
        var enabled: UInt32 = 0, blocked: UInt32 = 0, slow: UInt32 = 0
        // `bit` moves along with `t` rather than being shifted out of it, and `slow` is the one
        // negative entry: a few instructions a thread and state fewer.
        var bit: UInt32 = 1
        for t in 0..<threads {
            defer { bit &<<= 1 }
            let th = thread[t]
            let r = Int(truncatingIfNeeded: th.record)
            if p[r &+ 1] != 0 { key[t] = result[Int(truncatingIfNeeded: p[r &+ 2])]; continue }
            let at = Int(truncatingIfNeeded: p[r])
            pc[t] = at
            let e = entry[Int(truncatingIfNeeded: th.start) &+ at]
            if e < 0 { slow |= bit; continue }
            let h = p[Int(truncatingIfNeeded: e & (1 << Self.offsetBits - 1))]
            if h == 0 {
                enabled |= bit; branches[t] = Int(truncatingIfNeeded: UInt32(bitPattern: e) &>> UInt32(Self.offsetBits))
            } else {
                blocked |= bit; holder[t] = Int(truncatingIfNeeded: h) &- 1; key[t] = LayeredSearch.deadlockedByte
            }
        }
        return (enabled, blocked, slow)
    }

    /// After a `BUG_ON` no thread runs: the finished keep their results, the rest crashed.
    private func halted(_ p: UnsafePointer<UInt8>, key: UnsafeMutablePointer<UInt8>) -> (enabled: UInt32, blocked: UInt32, slow: UInt32) {
        for t in 0..<threads {
            let r = Int(thread[t].record)
            key[t] = p[r + 1] != 0 ? result[Int(p[r + 2])] : LayeredSearch.crashedByte
        }
        return (0, 0, 0)
    }

    /// The threads of `slow` judged the long way (`Run.status`), added to the masks and columns
    /// as `scan` fills them.
    static func judge(_ slow: UInt32, run: Run, world: World, enabled: inout UInt32, blocked: inout UInt32,
                      branches: UnsafeMutablePointer<Int>, holder: UnsafeMutablePointer<Int>, key: UnsafeMutablePointer<UInt8>) {
        var slow = slow
        while slow != 0 {
            let t = slow.trailingZeroBitCount
            slow &= slow &- 1
            switch run.status(of: t, in: world) {
            case .runnable(_, let canFail): enabled |= 1 << UInt32(t); branches[t] = canFail ? 2 : 1
            case .blocked(_, let b): blocked |= 1 << UInt32(t); holder[t] = b.holder; key[t] = LayeredSearch.deadlockedByte
            case .done(let e): key[t] = e.rawValue
            case .crashed: key[t] = LayeredSearch.crashedByte
            }
        }
    }
}
