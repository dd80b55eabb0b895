import DMAOwnEngine

/// Threads that run the same operation from the same start are interchangeable: the counting pass
/// visits one state for each set of states that differ only by swapping such threads.
///
/// Why the counts stay exact. Swapping two interchangeable threads (their records, and every lock
/// holder naming one of them) maps the run onto itself: same programs, same locks, same start. So
/// it maps each state's successors onto the swapped state's successors, one for one, and the
/// swapped states are reached by equally many interleavings. The pass keeps one representative per
/// set (each class's thread records sorted) and stores with it not its own count but the sum over
/// the set; as every member has the same successors up to the swap, expanding the representative
/// alone adds each set's sum exactly where the members' counts would go. When sorting leaves two
/// members of a set as different representatives (equal records, different lock holders) that
/// costs a state, never a count: the sums over each set are still exact.
///
/// Outcomes are per thread, so a set's members may end differently (thread 1 gets `-EBUSY` and
/// thread 8 `0`, or the other way round). The pass sums per set of outcomes that differ only by the
/// swap; by the same symmetry every outcome in such a set has the same count, the sum divided by
/// the set's size, which `expand` hands out at the end.
final class ThreadSymmetry {
    /// Classes of at least two interchangeable threads, each ascending.
    let classes: [[Int]]
    /// Per class member (classes one after another): the offset of its record.
    private let recordOffset: UnsafeMutableBufferPointer<Int>
    /// Where each class starts in `recordOffset`, and one past the last.
    private let classStart: [Int]
    /// The members' thread numbers, in the same order as `recordOffset`.
    private let member: UnsafeMutableBufferPointer<Int>
    /// Bytes naming a thread (+ 1): lock holders, rewritten when threads are swapped.
    private let numberOffsets: UnsafeMutableBufferPointer<Int>
    /// Scratch: each thread's new number after a canonicalisation (identity between calls), and a
    /// class's records with their members while one is sorted.
    private let renumber: UnsafeMutableBufferPointer<UInt8>
    private let sortRecord: UnsafeMutableBufferPointer<UInt32>
    private let sortMember: UnsafeMutableBufferPointer<Int>

    /// The interchangeable threads of `run` from `world`, nil when no two are.
    ///
    /// Two threads are interchangeable when their operations are equal (a program is a function of
    /// the operation, the scheme and the topology), their records in `world` are equal and no lock
    /// of `world` names either: then swapping them leaves `world` as it is. A thread already moved
    /// (the TUI explores from wherever the user stopped) is only interchangeable with one just as far.
    init?(run: Run, world: World) {
        let threads = run.operations.count
        guard threads >= 2, threads <= Int(UInt8.max) else { return nil }
        let named = Set(world.threadNumberOffsets.compactMap { world.bytes[$0] == 0 ? nil : Int(world.bytes[$0]) - 1 })
        var byKey: [Key: [Int]] = [:]
        var order: [Key] = []
        for t in 0..<threads where !named.contains(t) {
            let o = world.threadRecordOffset(t)
            let key = Key(operation: run.operations[t], record: Array(world.bytes[o..<o + World.threadRecordBytes]))
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(t)
        }
        let classes = order.compactMap { byKey[$0]!.count >= 2 ? byKey[$0]! : nil }
        guard !classes.isEmpty else { return nil }
        self.classes = classes
        let flat = classes.flatMap { $0 }
        var starts = [0]
        for c in classes { starts.append(starts.last! + c.count) }
        classStart = starts
        member = .allocate(capacity: flat.count)
        _ = member.initialize(from: flat)
        recordOffset = .allocate(capacity: flat.count)
        _ = recordOffset.initialize(from: flat.map(world.threadRecordOffset))
        let numbers = world.threadNumberOffsets
        numberOffsets = .allocate(capacity: numbers.count)
        _ = numberOffsets.initialize(from: numbers)
        renumber = .allocate(capacity: threads)
        _ = renumber.initialize(from: (0..<threads).map { UInt8($0) })
        let largest = classes.map(\.count).max()!
        sortRecord = .allocate(capacity: largest)
        sortRecord.initialize(repeating: 0)
        sortMember = .allocate(capacity: largest)
        sortMember.initialize(repeating: 0)
    }

    deinit {
        member.deallocate(); recordOffset.deallocate(); numberOffsets.deallocate()
        renumber.deallocate(); sortRecord.deallocate(); sortMember.deallocate()
    }

    private struct Key: Hashable {
        let operation: Operation
        let record: [UInt8]
    }

    /// Rewrites the packed world at `p` into its set's representative: each class's records in
    /// ascending order, and the lock holders renumbered to match.
    @inline(__always)
    func canonicalize(_ p: UnsafeMutableRawPointer) {
        var moved = false
        for c in 0..<classStart.count - 1 {
            let lo = classStart[c], n = classStart[c + 1] - lo
            // Insertion sort: classes are small, and a state is usually sorted already.
            var sorted = true
            for j in 0..<n {
                let r = p.loadUnaligned(fromByteOffset: recordOffset[lo + j], as: UInt32.self)
                var k = j
                while k > 0 && sortRecord[k - 1] > r {
                    sortRecord[k] = sortRecord[k - 1]; sortMember[k] = sortMember[k - 1]
                    k -= 1
                }
                if k != j { sorted = false }
                sortRecord[k] = r; sortMember[k] = lo + j
            }
            if sorted { continue }
            moved = true
            for k in 0..<n {
                p.storeBytes(of: sortRecord[k], toByteOffset: recordOffset[lo + k], as: UInt32.self)
                renumber[member[sortMember[k]]] = UInt8(member[lo + k])
            }
        }
        guard moved else { return }
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        for o in numberOffsets where bytes[o] != 0 {
            bytes[o] = renumber[Int(bytes[o]) - 1] + 1
        }
        for i in 0..<member.count { renumber[member[i]] = UInt8(member[i]) }
    }

    /// Sorts each class's results in `key` (results in thread order, maybe followed by more
    /// bytes): the representative of the outcomes that differ only by the swap.
    func canonicalize(results key: inout [UInt8]) {
        for c in classes {
            let sorted = c.map { key[$0] }.sorted()
            for (t, b) in zip(c, sorted) { key[t] = b }
        }
    }

    /// The outcome counts per set of swapped outcomes turned into counts per outcome: every
    /// distinct arrangement of each class's results gets an equal share. Nil when a sum saturated,
    /// since a share of a saturated sum is no bound on anything; the caller counts again without
    /// the symmetry then.
    func expand(_ sums: [[UInt8]: ScheduleCount]) -> [[UInt8]: ScheduleCount]? {
        var out: [[UInt8]: ScheduleCount] = [:]
        for (key, sum) in sums {
            guard sum != .max else { return nil }
            var arrangements = [key]
            for c in classes {
                arrangements = arrangements.flatMap { k in
                    Self.distinctPermutations(c.map { k[$0] }).map { p in
                        var k = k
                        for (t, b) in zip(c, p) { k[t] = b }
                        return k
                    }
                }
            }
            let share = sum / ScheduleCount(arrangements.count)
            precondition(share * ScheduleCount(arrangements.count) == sum, "a set of swapped outcomes does not split evenly: the threads are not interchangeable")
            for k in arrangements { out[k] = share }
        }
        return out
    }

    /// Every distinct ordering of `values`, in lexicographic order (next permutation from sorted).
    static func distinctPermutations(_ values: [UInt8]) -> [[UInt8]] {
        var a = values.sorted()
        var out = [a]
        while true {
            var i = a.count - 2
            while i >= 0 && a[i] >= a[i + 1] { i -= 1 }
            if i < 0 { return out }
            var j = a.count - 1
            while a[j] <= a[i] { j -= 1 }
            a.swapAt(i, j)
            a[(i + 1)...].reverse()
            out.append(a)
        }
    }
}
