#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The states of one progress level, not yet expanded: packed worlds with an exact hash index.
///
/// Every step raises the progress measure (the sum of program counters and finished flags), so a
/// state can only be met again from its own level; a level's table is freed once the level has
/// been expanded, and no state's bytes are kept after that (the sweep-line method). Matching is
/// exact (the whole world is compared), so there are no hash collisions to worry about. A freed
/// level's memory goes to the search's `LayerPool`, for a level still to come.
///
/// A class over raw columns rather than a struct of arrays: the search reaches a level millions
/// of times through its list of levels, and with arrays every reach paid a uniqueness check per
/// column (and the level's copy-on-write bookkeeping) and a generic byte-by-byte append. Nothing
/// here is shared, so there is nothing for copy-on-write to protect.
final class StateLayer {
    /// The columns, behind a pointer: a class's stored `var`s are checked for exclusive access at
    /// run time on every write (`swift_beginAccess`, a third of the lookups' cost when measured),
    /// memory reached through a pointer is not.
    private let c: UnsafeMutablePointer<Columns>
    /// Where the memory of this level goes when it is freed, for a later level to take.
    private let pool: LayerPool?

    struct Columns {
        let stride: Int
        /// Whether the pass counts interleavings (`paths`) and keeps schedules (`parent`,
        /// `choice`): a column the pass does not read is not allocated.
        let counts: Bool
        let schedules: Bool
        var count = 0
        var capacity: Int
        /// The packed worlds, `stride` bytes each.
        var bytes: UnsafeMutableRawPointer
        /// Complete interleavings from the initial world to each state (saturating).
        var paths: UnsafeMutablePointer<ScheduleCount>
        /// Length of the shortest schedule found to each state, its predecessor's id and the choice.
        var depth: UnsafeMutablePointer<UInt32>
        var parent: UnsafeMutablePointer<UInt32>
        var choice: UnsafeMutablePointer<UInt8>
        /// Open addressing: 0 empty, else the high 32 bits of the hash and the index + 1.
        var table: UnsafeMutablePointer<UInt64>
        var mask: Int

        /// The bytes the columns and the index hold.
        var heapBytes: Int { columnBytes + (mask + 1) * 8 }
        var columnBytes: Int {
            capacity * (stride + 4 + (counts ? MemoryLayout<ScheduleCount>.stride : 0) + (schedules ? 5 : 0))
        }
    }

    /// A level expected to hold about `expected` states: its index is sized for them up front,
    /// since growing it rehashes every state stored so far. `counts` keeps each state's number of
    /// interleavings, `schedules` its shortest schedule's predecessor and choice.
    init(stride: Int, expected: Int = 0, counts: Bool, schedules: Bool, pool: LayerPool? = nil) {
        var size = 64
        while size * 3 < expected * 4 { size *= 2 }
        self.pool = pool
        c = .allocate(capacity: 1)
        let index = pool?.takeTable(size: size) ?? (zeroedColumn(UInt64.self, size), size)
        if var reused = pool?.takeColumns() {
            precondition(reused.stride == stride && reused.counts == counts && reused.schedules == schedules,
                         "a level's memory went to a level of another pass")
            reused.count = 0
            reused.table = index.table
            reused.mask = index.size - 1
            c.initialize(to: reused)
            return
        }
        // Only the index is sized for `expected`: a level may stay far smaller than its neighbour,
        // and the columns grow by doubling, as arrays would.
        let capacity = 8
        c.initialize(to: Columns(
            stride: stride, counts: counts, schedules: schedules, capacity: capacity,
            bytes: UnsafeMutableRawPointer(column(UInt8.self, capacity * stride)),
            paths: column(ScheduleCount.self, counts ? capacity : 1), depth: column(UInt32.self, capacity),
            parent: column(UInt32.self, schedules ? capacity : 1), choice: column(UInt8.self, schedules ? capacity : 1),
            table: index.table, mask: index.size - 1))
    }

    /// The first level: the initial world, reached by one (empty) schedule.
    convenience init(initial world: UnsafeRawBufferPointer, counts: Bool, schedules: Bool) {
        self.init(stride: world.count, counts: counts, schedules: schedules)
        reach(world, hash: StateHash.hash(world), paths: 1, depth: 0, parent: UInt32.max, choice: 0)
    }

    deinit {
        let k = c.pointee
        if let pool {
            pool.keep(k)
        } else {
            StateLayer.release(k)
        }
        c.deinitialize(count: 1)
        c.deallocate()
    }

    /// Frees a level's memory.
    static func release(_ k: Columns) {
        releaseColumns(k)
        free(k.table)
    }

    /// Frees a level's columns (not its index).
    static func releaseColumns(_ k: Columns) {
        free(k.bytes); free(k.paths); free(k.depth); free(k.parent); free(k.choice)
    }

    var stride: Int { c.pointee.stride }
    var count: Int { c.pointee.count }
    /// The columns, read-only: only `reach` writes them. `paths` is there when the level counts,
    /// `parent` and `choice` when it keeps schedules.
    var paths: UnsafePointer<ScheduleCount> { UnsafePointer(c.pointee.paths) }
    var depth: UnsafePointer<UInt32> { UnsafePointer(c.pointee.depth) }
    var parent: UnsafePointer<UInt32> { UnsafePointer(c.pointee.parent) }
    var choice: UnsafePointer<UInt8> { UnsafePointer(c.pointee.choice) }

    /// Heap bytes held now, for the peak-memory figure.
    var heapBytes: Int { c.pointee.heapBytes }

    /// The level's columns, for the search's hot loop: it keeps one pointer per level and calls
    /// `reach(_:_:hash:paths:depth:parent:choice:)` and `touch(_:hash:)` on it, without a
    /// reference to the level (whose retain and release, and the array read that found it, were
    /// about 10 instructions a transition).
    var columns: UnsafeMutablePointer<Columns> { c }

    /// Records a step into `world` from a predecessor with `paths` interleavings at `depth - 1`:
    /// adds the state when new, else adds its paths and keeps the shorter schedule.
    @inline(__always)
    func reach(_ world: UnsafeRawBufferPointer, hash: UInt64, paths: ScheduleCount, depth: UInt32, parent: UInt32, choice: UInt8) {
        Self.reach(c, world.baseAddress!, hash: hash, paths: paths, depth: depth, parent: parent, choice: choice,
                   blocks: worldBlocks(length: c.pointee.stride))
    }

    /// `reach` on a level's columns `k`; `world` is `k.stride` bytes, of `blocks` blocks before the
    /// last (`WorldBlocks`).
    @inline(__always)
    static func reach(_ c: UnsafeMutablePointer<Columns>, _ world: UnsafeRawPointer, hash: UInt64, paths: ScheduleCount,
                      depth: UInt32, parent: UInt32, choice: UInt8, blocks: Int) {
        // Offsets and counts here are bounded by the columns' sizes, far from overflowing an Int:
        // the arithmetic is unchecked (`&+`, `&*`), which spares an overflow branch each.
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let stride = c.pointee.stride, table = c.pointee.table, mask = c.pointee.mask, bytes = c.pointee.bytes
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let j = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                if memEqual(bytes + j &* stride, world, stride, blocks: blocks) {
                    if c.pointee.counts { c.pointee.paths[j] = LayeredSearch.saturatingAdd(c.pointee.paths[j], paths) }
                    let d = c.pointee.depth
                    if depth < d[j] {
                        d[j] = depth
                        if c.pointee.schedules { c.pointee.parent[j] = parent; c.pointee.choice[j] = choice }
                    }
                    return
                }
            }
            slot = (slot &+ 1) & mask
        }
        if c.pointee.count == c.pointee.capacity { reserve(c, c.pointee.capacity &* 2) }
        let k = c.pointee
        let i = k.count
        table[slot] = tag | UInt64(truncatingIfNeeded: i &+ 1)
        copyWorld(k.bytes + i &* stride, world, stride)
        if k.counts { k.paths[i] = paths }
        k.depth[i] = depth
        if k.schedules { k.parent[i] = parent; k.choice[i] = choice }
        c.pointee.count = i &+ 1
        if (i &+ 1) &* 4 > (mask &+ 1) &* 3 { grow(c) }
    }

    /// Reads the slot a lookup of `hash` starts at and, when its tag matches, the first byte of the
    /// state it names: the reads `reach` will wait on, issued early so several lookups' cache
    /// misses overlap. The value means nothing; the caller keeps it so the reads stay.
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 { Self.touch(c, hash: hash) }

    /// `touch` on a level's columns.
    @inline(__always)
    static func touch(_ c: UnsafeMutablePointer<Columns>, hash: UInt64) -> UInt64 {
        let k = c.pointee
        let entry = k.table[Int(truncatingIfNeeded: hash) & k.mask]
        guard entry != 0, entry & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000 else { return entry }
        let i = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
        let p = k.bytes.assumingMemoryBound(to: UInt8.self)
        return UInt64(p[i &* k.stride]) &+ UInt64(p[i &* k.stride &+ k.stride &- 1])
    }

    /// The packed bytes of state `i`.
    @inline(__always)
    func state(_ i: Int) -> UnsafeRawBufferPointer {
        let k = c.pointee
        precondition(i >= 0 && i < k.count, "state \(i) is outside a level of \(k.count)")
        return UnsafeRawBufferPointer(start: k.bytes + i * k.stride, count: k.stride)
    }

    /// Room for `n` states in every column: `realloc`, which extends a column in place when it
    /// can and, for the large ones (`mmap`ed by malloc), moves its pages rather than its bytes.
    /// Copying every column on each doubling was 3% of a counting pass's instructions.
    @inline(never)
    private static func reserve(_ c: UnsafeMutablePointer<Columns>, _ n: Int) {
        func moved<T>(_ p: UnsafeMutablePointer<T>, _ kept: Bool = true) -> UnsafeMutablePointer<T> {
            guard kept else { return p }
            return realloc(p, n * MemoryLayout<T>.stride)!.bindMemory(to: T.self, capacity: n)
        }
        c.pointee.bytes = realloc(c.pointee.bytes, n * c.pointee.stride)!
        let counts = c.pointee.counts, schedules = c.pointee.schedules
        c.pointee.paths = moved(c.pointee.paths, counts); c.pointee.depth = moved(c.pointee.depth)
        c.pointee.parent = moved(c.pointee.parent, schedules); c.pointee.choice = moved(c.pointee.choice, schedules)
        c.pointee.capacity = n
    }

    @inline(never)
    private static func grow(_ c: UnsafeMutablePointer<Columns>) {
        let k = c.pointee
        let size = (k.mask + 1) * 2
        let fresh = zeroedColumn(UInt64.self, size)
        let m = size - 1
        for i in 0..<k.count {
            let h = StateHash.hash(UnsafeRawBufferPointer(start: k.bytes + i * k.stride, count: k.stride))
            var slot = Int(truncatingIfNeeded: h) & m
            while fresh[slot] != 0 { slot = (slot + 1) & m }
            fresh[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(i + 1)
        }
        free(k.table)
        c.pointee.table = fresh
        c.pointee.mask = m
    }
}

/// The columns are malloc'd, so that `reserve` can `realloc` them (memory from Swift's
/// `allocate` must go back through `deallocate`), and freed with `free`. They hold plain values
/// only (bytes, integers), which need no initialising or deinitialising.
private func column<T>(_: T.Type, _ n: Int) -> UnsafeMutablePointer<T> {
    malloc(n * MemoryLayout<T>.stride)!.bindMemory(to: T.self, capacity: n)
}

/// A column of zeros from `calloc`: a large one comes as fresh zero pages from the kernel, which
/// spares the `memset` that initialising it cost.
private func zeroedColumn<T>(_: T.Type, _ n: Int) -> UnsafeMutablePointer<T> {
    calloc(n, MemoryLayout<T>.stride)!.bindMemory(to: T.self, capacity: n)
}

/// Whether the `n` bytes at `a` and `b` are equal, `blocks` (`WorldBlocks`) being the number of
/// 16-byte blocks before the last.
///
/// Called once a stored state's 32-bit tag matches, so it almost always answers yes: the
/// differences of 16-byte blocks are xor-ed and or-ed together in vector registers (`pxor`,
/// `por`) and tested once at the end, the last partial block read as the (overlapping) last 16
/// bytes. Up to 128 bytes (every N×K row) the blocks are a fixed sequence, chosen at compile time
/// where `blocks` is a constant (see `WorldBlocks`). The 8-byte words it replaces, tested per 16
/// bytes, cost about 52 instructions a match on N6K7's 70-byte world; a vector loop about 30;
/// compiled for that length, about 27 (the optimiser turns the sequence into word compares).
@inline(__always)
private func memEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int, blocks: Int) -> Bool {
    guard blocks >= 0 else {
        for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        return true
    }
    @inline(__always) func diff(_ at: Int) -> SIMD2<UInt64> {
        a.loadUnaligned(fromByteOffset: at, as: SIMD2<UInt64>.self) ^ b.loadUnaligned(fromByteOffset: at, as: SIMD2<UInt64>.self)
    }
    let last = n &- 16
    var d = diff(last)
    // The blocks before the last one: at 0, 16, … below `last`.
    switch blocks {
    case 7: d |= diff(96); fallthrough
    case 6: d |= diff(80); fallthrough
    case 5: d |= diff(64); fallthrough
    case 4: d |= diff(48); fallthrough
    case 3: d |= diff(32); fallthrough
    case 2: d |= diff(16); fallthrough
    case 1: d |= diff(0)
    case 0: break
    default: d |= longDifference(a, b, last)
    }
    // Two lanes read out, not `d == .zero`: SIMD's `==` compiled to a loop over the 16 bytes.
    return d[0] | d[1] == 0
}

/// The or of the 16-byte blocks' differences below `last`, for worlds of over 128 bytes. Out of
/// line: inlined, the optimiser hoisted this loop's setup out of the lookup's probe loop, and every
/// lookup paid for it.
@inline(never)
private func longDifference(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ last: Int) -> SIMD2<UInt64> {
    var d = SIMD2<UInt64>()
    var i = 0
    while i < last {
        d |= a.loadUnaligned(fromByteOffset: i, as: SIMD2<UInt64>.self) ^ b.loadUnaligned(fromByteOffset: i, as: SIMD2<UInt64>.self)
        i &+= 16
    }
    return d
}

/// A fast 64-bit hash of a packed world, in the manner of wyhash: each 16-byte block is folded
/// into the running value by one 64×64→128-bit multiply of its two words (one keyed by a
/// constant, the other by the running value) and the xor of the product's halves, and a last
/// fold by a constant spreads the result over all 64 bits (the low ones pick the slot, the top
/// 32 are `StateLayer`'s tag). The last partial block is read as the overlapping last 16 bytes:
/// worlds of one run all have one length, so that is as good as padding. One multiply per 16
/// bytes and unchecked pointer arithmetic: about half the instructions of the two
/// multiply-xorshift lanes per 8-byte word it replaced (issue 14).
///
/// Up to 128 bytes the blocks are a fixed sequence with constant offsets and no loop counter,
/// chosen at compile time where the caller is compiled for one length (`WorldBlocks`). That
/// and dropping a multiply-xorshift after the last fold (the fold's high half already reaches
/// every bit) took N6K7's 70-byte hash from about 56 instructions to about 30; the table's
/// probes per lookup stayed as they were (about 1.4 per lookup).
enum StateHash {
    @inline(__always)
    private static func fold(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let (hi, lo) = x.multipliedFullWidth(by: y)
        return hi ^ lo
    }

    private static let key0: UInt64 = 0xA076_1D64_78BD_642F
    private static let key1: UInt64 = 0xE703_7ED1_A0B4_28DB

    @inline(__always)
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        hash(raw.baseAddress!, raw.count, blocks: worldBlocks(length: raw.count))
    }

    /// The hash of the `n` bytes at `p`, `blocks` (`WorldBlocks`) being the number of 16-byte
    /// blocks before the last: a constant where the caller is compiled for one length.
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ n: Int, blocks: Int) -> UInt64 {
        @inline(__always) func block(_ h: UInt64, _ at: Int) -> UInt64 {
            fold(p.loadUnaligned(fromByteOffset: at, as: UInt64.self) ^ key0, p.loadUnaligned(fromByteOffset: at &+ 8, as: UInt64.self) ^ h)
        }
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        if blocks >= 0 {
            let last = n &- 16
            // The blocks before the last one: at 0, 16, … below `last`. Each count its own
            // sequence: entered part-way, as a `fallthrough` chain, each entry point wanted the
            // running value in a register of its own, and the jump set up all of them.
            switch blocks {
            case 0: break
            case 1: h = block(h, 0)
            case 2: h = block(block(h, 0), 16)
            case 3: h = block(block(block(h, 0), 16), 32)
            case 4: h = block(block(block(block(h, 0), 16), 32), 48)
            case 5: h = block(block(block(block(block(h, 0), 16), 32), 48), 64)
            case 6: h = block(block(block(block(block(block(h, 0), 16), 32), 48), 64), 80)
            case 7: h = block(block(block(block(block(block(block(h, 0), 16), 32), 48), 64), 80), 96)
            default: h = longHash(p, last, h)
            }
            h = block(h, last)
        } else {
            // Two words: bytes 8 to 15 shifted into one word went past its top (`WorldBlocksTests`).
            var lo: UInt64 = 0, hi: UInt64 = 0
            for j in 0..<n {
                let b = UInt64(p.load(fromByteOffset: j, as: UInt8.self))
                if j < 8 { lo |= b << UInt64(8 * j) } else { hi |= b << UInt64(8 * (j - 8)) }
            }
            h = fold(lo ^ key0, hi ^ h ^ key1)
        }
        return fold(h ^ key1, UInt64(truncatingIfNeeded: n) ^ key0)
    }

    /// The blocks below `last` of a world of over 128 bytes, out of line for the reason
    /// `longDifference` is.
    @inline(never)
    private static func longHash(_ p: UnsafeRawPointer, _ last: Int, _ h: UInt64) -> UInt64 {
        var h = h
        var i = 0
        while i < last {
            h = fold(p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ key0, p.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self) ^ h)
            i &+= 16
        }
        return h
    }
}
