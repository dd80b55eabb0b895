#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the two halves of a sharded counting pass share (`LayeredSearch.countInShards`).
///
/// A counting pass (no judging, no schedules) splits every level's states in two by one bit of
/// their hash: each half is a `LayeredSearch` of its own, on a thread of its own, with its own
/// level tables, and looks up only its own states. A successor that belongs to the other half is
/// written to that half's mailbox for the successor's level (`ShardMailbox`); the owner files
/// it when it reaches that level, before expanding it. Both halves go level by level in step
/// (two barriers a level: after filing, after expanding), so a level is complete, with every
/// predecessor's interleavings added in, before either half expands it, as the one-thread pass
/// needs. Nothing a half reports depends on which thread ran faster: each half's order of work is
/// fixed by its own states and the mailboxes' order, so a sharded pass gives the same states,
/// transitions, outcomes and counts on any machine, and the same as the one-thread pass (one
/// stopped by the state bound stops after as many states, though not always the same ones).
///
/// The shard count is two, not the number of cores, for that reason and because the machines we
/// measure on have two. On one core the halves take turns and the pass gives the same figures.
final class ShardLink: @unchecked Sendable {
    static let shards = 2

    /// The bytes whose sum's lowest bit says which half a state is (`shard(of:hash:keys:)`): the
    /// pcs of two threads (the second -1 when there is one), or -1 for the hash's bit.
    let keys: (Int, Int)

    /// The half the state at `p`, of hash `hash`, belongs to: the parity of two threads' pcs
    /// where the pass has threads to choose (`keys`), so only those two threads' steps cross to the
    /// other half and every other step's successor stays where it was made. By the hash, every
    /// other successor would cross: on N4K9 that was 17% more instructions (a mailbox write and a
    /// second pass over each record) and no time saved on two cores. One thread's pc parity split
    /// the states unevenly (N4K9 44/56%, N6K7 47/53%, at worst 83/17% for another thread); two
    /// threads' together split them 48/52%, 50/50% and 49/51% on N4K9, N6K7 and N4K7. Without
    /// threads to choose, the lowest bit of `StateLayer`'s 32-bit tag, which neither a table's slot
    /// (the low bits) nor, within a half, the tag comparison needs.
    @inline(__always)
    static func shard(of p: UnsafeRawPointer, hash: UInt64, keys: (Int, Int)) -> Int {
        if keys.0 < 0 { return Int(truncatingIfNeeded: hash &>> 32) & 1 }
        let second = keys.1 < 0 ? 0 : p.load(fromByteOffset: keys.1, as: UInt8.self)
        return Int(truncatingIfNeeded: (p.load(fromByteOffset: keys.0, as: UInt8.self) &+ second) & 1)
    }

    /// Mailboxes, one per source half and level: `box(from:level:)`. Raw memory, written by one
    /// half and read by the other only on the far side of a barrier.
    private let boxes: UnsafeMutablePointer<ShardMailbox>
    private let levels: Int
    /// Per half, what the other reads at a barrier: states expanded before the level, the level's
    /// size and its live bytes. Plain memory: the barrier's lock orders the writes before the reads.
    let levelStart: UnsafeMutablePointer<Int>
    let levelSize: UnsafeMutablePointer<Int>
    let liveBytes: UnsafeMutablePointer<Int>
    /// Why a half asked both to stop mid-level (`Halt`), read by both every 1024 states.
    let halt = Atomic<Int>(0)
    /// The second half's running totals, for the first half's progress reports and memory checks.
    let otherStates = Atomic<Int>(0)
    let otherTransitions = Atomic<Int>(0)
    let otherBytes = Atomic<Int>(0)
    let otherDepth = Atomic<Int>(0)

    /// Reasons to stop mid-level, in `halt`.
    enum Halt: Int { case none = 0, cancelled = 1, memory = 2 }

    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var arrived = 0
    private var generation = 0

    /// Per half, mailbox memory already drained, for its next levels: a level's mail is about
    /// the size of the one before, and fresh memory for each cost a `realloc` copy per doubling.
    let spare: UnsafeMutablePointer<ShardMailbox>

    init(levels: Int, keys: (Int, Int)) {
        self.levels = levels
        self.keys = keys
        spare = .allocate(capacity: Self.shards)
        spare.initialize(repeating: ShardMailbox(), count: Self.shards)
        boxes = .allocate(capacity: Self.shards * levels)
        boxes.initialize(repeating: ShardMailbox(), count: Self.shards * levels)
        levelStart = .allocate(capacity: Self.shards); levelStart.initialize(repeating: 0, count: Self.shards)
        levelSize = .allocate(capacity: Self.shards); levelSize.initialize(repeating: 0, count: Self.shards)
        liveBytes = .allocate(capacity: Self.shards); liveBytes.initialize(repeating: 0, count: Self.shards)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        for i in 0..<Self.shards * levels { free(boxes[i].data) }
        for i in 0..<Self.shards { free(spare[i].data) }
        spare.deallocate()
        boxes.deallocate(); levelStart.deallocate(); levelSize.deallocate(); liveBytes.deallocate()
        pthread_mutex_destroy(&mutex)
        pthread_cond_destroy(&condition)
    }

    /// The mailbox half `from` fills for states of `level` that belong to the other half.
    @inline(__always)
    func box(from: Int, level: Int) -> UnsafeMutablePointer<ShardMailbox> { boxes + (from &* levels &+ level) }

    /// Bytes the mailboxes of half `from` hold.
    func mailboxBytes(from: Int) -> Int {
        (0..<levels).reduce(spare[from].capacity) { $0 + box(from: from, level: $1).pointee.capacity }
    }

    /// Waits until both halves have arrived. The lock makes every write before it visible after it.
    func wait() {
        pthread_mutex_lock(&mutex)
        let mine = generation
        arrived += 1
        if arrived == Self.shards {
            arrived = 0
            generation += 1
            pthread_cond_broadcast(&condition)
        } else {
            while generation == mine { pthread_cond_wait(&condition, &mutex) }
        }
        pthread_mutex_unlock(&mutex)
    }
}

/// Successors one half made that the other half owns, for one level: records of the state's
/// hash, interleavings (16 bytes), schedule length and bytes, one after another in `malloc`ed
/// memory that grows by doubling.
struct ShardMailbox {
    var data: UnsafeMutableRawPointer? = nil
    var count = 0
    /// Bytes allocated.
    var capacity = 0

    /// Bytes of one record for worlds of `stride` bytes.
    @inline(__always)
    static func recordSize(stride: Int) -> Int { (32 &+ stride &+ 7) & ~7 }

    /// Appends one record.
    @inline(__always)
    mutating func append(_ world: UnsafeRawPointer, stride: Int, hash: UInt64, paths: ScheduleCount, depth: UInt32,
                         spare: UnsafeMutablePointer<ShardMailbox>) {
        let size = Self.recordSize(stride: stride)
        let at = count &* size
        if at &+ size > capacity { grow(to: max(4096, capacity * 2), spare: spare) }
        let p = data.unsafelyUnwrapped + at
        p.storeBytes(of: hash, as: UInt64.self)
        p.storeBytes(of: UInt64(truncatingIfNeeded: paths), toByteOffset: 8, as: UInt64.self)
        p.storeBytes(of: UInt64(truncatingIfNeeded: paths &>> 64), toByteOffset: 16, as: UInt64.self)
        p.storeBytes(of: depth, toByteOffset: 24, as: UInt32.self)
        copyWorld(p + 32, world, stride)
        count &+= 1
    }

    /// Room for `bytes`: the spare memory when this box has none and the spare is larger.
    @inline(never)
    private mutating func grow(to bytes: Int, spare: UnsafeMutablePointer<ShardMailbox>) {
        if data == nil, spare.pointee.capacity >= bytes {
            data = spare.pointee.data; capacity = spare.pointee.capacity
            spare.pointee = ShardMailbox()
            return
        }
        data = realloc(data, bytes)!
        capacity = bytes
    }

    /// Empties the box once its records are filed, keeping the larger of its memory and `spare`'s
    /// in `spare` for the half that wrote it.
    mutating func recycle(into spare: UnsafeMutablePointer<ShardMailbox>) {
        if capacity > spare.pointee.capacity {
            free(spare.pointee.data)
            spare.pointee = ShardMailbox(data: data, count: 0, capacity: capacity)
        } else {
            free(data)
        }
        self = ShardMailbox()
    }
}
