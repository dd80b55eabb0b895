/// The states of one progress level, not yet expanded: packed worlds with an exact hash index.
///
/// Every step raises the progress measure (the sum of program counters and finished flags), so a
/// state can only be met again from its own level; a level's table is freed once the level has
/// been expanded, and no state's bytes are kept after that (the sweep-line method). Matching is
/// exact (the whole world is compared), so there are no hash collisions to worry about.
struct StateLayer {
    let stride: Int
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0
    /// Complete interleavings from the initial world to each state (saturating).
    var paths: [ScheduleCount] = []
    /// Length of the shortest schedule found to each state, its predecessor's id and the choice.
    var depth: [UInt32] = []
    var parent: [UInt32] = []
    var choice: [UInt8] = []
    /// Open addressing: 0 empty, else the high 32 bits of the hash and the index + 1.
    private var table: [UInt64]
    private var mask: Int

    /// A level expected to hold about `expected` states: its index is sized for them up front,
    /// since growing it rehashes every state stored so far.
    init(stride: Int, expected: Int = 0) {
        self.stride = stride
        var size = 64
        while size * 3 < expected * 4 { size *= 2 }
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Heap bytes held now, for the peak-memory figure.
    var heapBytes: Int {
        bytes.capacity + table.capacity * 8 + paths.capacity * MemoryLayout<ScheduleCount>.stride + depth.capacity * 4 + parent.capacity * 4 + choice.capacity
    }

    /// The index of the state `world` in this level, adding it when new.
    mutating func findOrInsert(_ world: UnsafeRawBufferPointer, hash: UInt64) -> (index: Int, inserted: Bool) {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let i = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let equal = bytes.withUnsafeBytes { memEqual($0.baseAddress! + i * stride, world.baseAddress!, stride) }
                if equal { return (i, false) }
            }
            slot = (slot + 1) & mask
        }
        let i = count
        table[slot] = tag | UInt64(i + 1)
        bytes.append(contentsOf: world)
        count += 1
        if count * 4 > table.count * 3 { grow() }
        return (i, true)
    }

    /// Records a step into `world` from a predecessor with `paths` interleavings at `depth - 1`:
    /// adds the state when new, else adds its paths and keeps the shorter schedule.
    @inline(__always)
    mutating func reach(_ world: UnsafeRawBufferPointer, hash: UInt64, paths: ScheduleCount, depth: UInt32, parent: UInt32, choice: UInt8,
                        count: Bool, judge: Bool) {
        let (j, inserted) = findOrInsert(world, hash: hash)
        if inserted {
            if count { self.paths.append(paths) }
            self.depth.append(depth)
            if judge { self.parent.append(parent); self.choice.append(choice) }
        } else {
            if count { self.paths[j] = LayeredSearch.saturatingAdd(self.paths[j], paths) }
            if depth < self.depth[j] {
                self.depth[j] = depth
                if judge { self.parent[j] = parent; self.choice[j] = choice }
            }
        }
    }

    /// Reads the slot a lookup of `hash` starts at and, when its tag matches, the first byte of the
    /// state it names: the reads `findOrInsert` will wait on, issued early so several lookups'
    /// cache misses overlap. The value means nothing; the caller keeps it so the reads stay.
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 {
        let entry = table.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & mask] }
        guard entry != 0, entry & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000 else { return entry }
        let i = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        return bytes.withUnsafeBufferPointer { UInt64($0[i * stride]) &+ UInt64($0[i * stride + stride - 1]) }
    }

    /// The packed bytes of state `i`.
    func withState<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[i * stride ..< (i + 1) * stride])) }
    }

    private mutating func grow() {
        let size = table.count * 2
        var fresh = [UInt64](repeating: 0, count: size)
        let m = size - 1
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                let h = StateHash.hash(UnsafeRawBufferPointer(rebasing: raw[i * stride ..< (i + 1) * stride]))
                var slot = Int(truncatingIfNeeded: h) & m
                while fresh[slot] != 0 { slot = (slot + 1) & m }
                fresh[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(i + 1)
            }
        }
        table = fresh
        mask = m
    }
}

@inline(__always)
private func memEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    if i == n { return true }
    // The last partial word, read as the (overlapping) last eight bytes when there are eight.
    if n >= 8 {
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

/// A fast 64-bit hash of a packed world: two independent multiply-xorshift lanes over 8-byte
/// words (so the multiplies overlap), the last partial word read as the overlapping last eight
/// bytes, and a final mix of both lanes. Worlds of one run all have one length, so reading the
/// overlap is as good as padding.
enum StateHash {
    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        let m = x &* 0xBF58_476D_1CE4_E5B9
        return m ^ (m >> 31)
    }

    @inline(__always)
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let n = raw.count
        let p = raw.baseAddress!
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var b: UInt64 = 0xD6E8_FEB8_6659_FD93
        var i = 0
        while i + 16 <= n {
            a = mix(a ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = mix(b ^ p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            i += 16
        }
        if i + 8 <= n {
            a = mix(a ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            if n >= 8 {
                tail = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else {
                for j in 0..<n { tail |= UInt64(p.load(fromByteOffset: j, as: UInt8.self)) << UInt64(8 * j) }
            }
            b = mix(b ^ tail)
        }
        var h = a ^ (b << 27 | b >> 37)
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return h
    }
}
