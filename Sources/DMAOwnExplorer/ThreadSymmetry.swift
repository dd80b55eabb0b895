import DMAOwnEngine

/// Threads that run the same operation from the same start are interchangeable: the search visits
/// one state for each set of states that differ only by swapping such threads.
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
///
/// The verdict pass folds too. Every invariant is a property of the world that no swap changes
/// (isolation, the sticky flags, a deadlock, a stale owner), so a set breaks one exactly when its
/// representative does; a persistent set chosen at a representative is one of a real state, and
/// what it reaches from there the swap carries to every member. A counterexample is read back
/// through the representatives and handed out as the run's own schedule (`LayeredSearch.schedule`).
final class ThreadSymmetry {
    /// Classes of at least two interchangeable threads, each ascending.
    let classes: [[Int]]
    /// Per class member (classes one after another): the offset of its record.
    private let recordOffset: UnsafeMutableBufferPointer<Int>
    /// Where each class starts in `recordOffset`, and one past the last (raw memory, like the
    /// other tables here: this is read for every successor the search makes).
    private let classStart: UnsafeMutableBufferPointer<Int>
    /// The members' thread numbers, in the same order as `recordOffset`.
    private let member: UnsafeMutableBufferPointer<Int>
    /// Bytes naming a thread (+ 1): lock holders, rewritten when threads are swapped.
    private let numberOffsets: UnsafeMutableBufferPointer<Int>
    /// Scratch: each thread's new number after a canonicalisation (identity between calls), and a
    /// class's records with their members while one is sorted.
    private let renumber: UnsafeMutableBufferPointer<UInt8>
    private let sortRecord: UnsafeMutableBufferPointer<UInt32>
    private let sortMember: UnsafeMutableBufferPointer<Int>
    /// Per thread: where it sits in `recordOffset` (-1 when it is in no class), and its class's
    /// first member and one past the last, for `canonicalize(_:stepped:)`.
    private let place: UnsafeMutableBufferPointer<(at: Int32, lo: Int32, end: Int32)>
    /// Bytes of a world of the run (for the debug check against the full sort).
    private let size: Int

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
        classStart = .allocate(capacity: starts.count)
        _ = classStart.initialize(from: starts)
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
        size = world.bytes.count
        place = .allocate(capacity: threads)
        place.initialize(repeating: (-1, 0, 0))
        for c in 0..<classes.count {
            for j in starts[c]..<starts[c + 1] { place[flat[j]] = (Int32(j), Int32(starts[c]), Int32(starts[c + 1])) }
        }
    }

    deinit {
        member.deallocate(); recordOffset.deallocate(); numberOffsets.deallocate(); classStart.deallocate()
        renumber.deallocate(); sortRecord.deallocate(); sortMember.deallocate(); place.deallocate()
    }

    private struct Key: Hashable {
        let operation: Operation
        let record: [UInt8]
    }

    /// Rewrites the packed world at `p` into its set's representative: each class's records in
    /// ascending order, and the lock holders renumbered to match.
    @inline(__always)
    func canonicalize(_ p: UnsafeMutableRawPointer) {
        guard sortClasses(p) else { return }
        renumberHolders(p)
        resetRenumber()
    }

    /// `canonicalize(_:)` of the world at `p`, a successor of a representative by a step of thread
    /// `t`: the search's every canonicalisation, and the same bytes as the full sort.
    ///
    /// A step writes only its own thread's record (and lock holders and flags, which the order
    /// does not read), and its predecessor's classes were sorted, so at most one record is out of
    /// place: `t`'s, in `t`'s class. It moves by one insertion, right past the smaller records
    /// after it or left past the larger ones before it (strict comparisons: among equal records
    /// the earlier position stays first, as the full sort's stable order keeps it), and the
    /// records it passes shift by one towards where it was. That is the stable sort's result,
    /// and so its renumbering. Sorting every class per successor was ~55 instructions per
    /// transition on N4K9 (its two classes, of two and three binds); a thread in no class now
    /// costs one table read, one in a class two compares when nothing moves.
    @inline(__always)
    func canonicalize(_ p: UnsafeMutableRawPointer, stepped t: Int) {
        #if DEBUG
        // The full sort is the reference: it must agree byte for byte.
        let reference = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { reference.deallocate() }
        reference.copyMemory(from: p, byteCount: size)
        canonicalize(reference)
        insertStepped(p, t)
        assert(UnsafeRawBufferPointer(start: reference, count: size).elementsEqual(UnsafeRawBufferPointer(start: p, count: size)),
               "the incremental canonicalisation after a step of thread \(t) disagrees with the full sort")
        #else
        insertStepped(p, t)
        #endif
    }

    /// The insertion of `canonicalize(_:stepped:)`, without its debug check (tests compare the two).
    @inline(__always)
    func insertStepped(_ p: UnsafeMutableRawPointer, _ t: Int) {
        let here = place[t]
        guard here.at >= 0 else { return }
        let j = Int(truncatingIfNeeded: here.at), lo = Int(truncatingIfNeeded: here.lo), end = Int(truncatingIfNeeded: here.end)
        let r = p.loadUnaligned(fromByteOffset: recordOffset[j], as: UInt32.self)
        var k = j
        if k &+ 1 < end && p.loadUnaligned(fromByteOffset: recordOffset[k &+ 1], as: UInt32.self) < r {
            // Right: each record passed moves one place left, and its thread one number down.
            repeat {
                let next = p.loadUnaligned(fromByteOffset: recordOffset[k &+ 1], as: UInt32.self)
                guard next < r else { break }
                p.storeBytes(of: next, toByteOffset: recordOffset[k], as: UInt32.self)
                renumber[member[k &+ 1]] = UInt8(truncatingIfNeeded: member[k])
                k &+= 1
            } while k &+ 1 < end
        } else if k > lo && p.loadUnaligned(fromByteOffset: recordOffset[k &- 1], as: UInt32.self) > r {
            // Left: each record passed moves one place right, and its thread one number up.
            repeat {
                let prev = p.loadUnaligned(fromByteOffset: recordOffset[k &- 1], as: UInt32.self)
                guard prev > r else { break }
                p.storeBytes(of: prev, toByteOffset: recordOffset[k], as: UInt32.self)
                renumber[member[k &- 1]] = UInt8(truncatingIfNeeded: member[k])
                k &-= 1
            } while k > lo
        } else {
            return
        }
        p.storeBytes(of: r, toByteOffset: recordOffset[k], as: UInt32.self)
        renumber[member[j]] = UInt8(truncatingIfNeeded: member[k])
        renumberHolders(p)
        for x in min(j, k)...max(j, k) { renumber[member[x]] = UInt8(truncatingIfNeeded: member[x]) }
    }

    /// `world` turned into its representative, and where each of its threads went (`moved[t]` is
    /// thread `t`'s number in the representative). The search's representatives are made this way
    /// from their predecessor, so replaying a schedule through them retraces the search exactly.
    func canonicalize(_ world: inout World) -> [Int] {
        var bytes = world.bytes
        var moved = Array(0..<renumber.count)
        bytes.withUnsafeMutableBytes { raw in
            let p = raw.baseAddress!
            guard sortClasses(p) else { return }
            renumberHolders(p)
            for t in moved.indices { moved[t] = Int(renumber[t]) }
            resetRenumber()
        }
        bytes.withUnsafeBytes { world.load($0) }
        return moved
    }

    /// Sorts each class's records in place and notes in `renumber` where each thread went; false
    /// when every class was sorted already (nothing moved, `renumber` untouched).
    @inline(__always)
    private func sortClasses(_ p: UnsafeMutableRawPointer) -> Bool {
        var moved = false
        for c in 0..<classStart.count - 1 {
            let lo = classStart[c], n = classStart[c + 1] - lo
            if n == 2 {
                // The common class, two threads: one compare, and a swap when out of order.
                let a = p.loadUnaligned(fromByteOffset: recordOffset[lo], as: UInt32.self)
                let b = p.loadUnaligned(fromByteOffset: recordOffset[lo + 1], as: UInt32.self)
                if a <= b { continue }
                p.storeBytes(of: b, toByteOffset: recordOffset[lo], as: UInt32.self)
                p.storeBytes(of: a, toByteOffset: recordOffset[lo + 1], as: UInt32.self)
                renumber[member[lo]] = UInt8(member[lo + 1]); renumber[member[lo + 1]] = UInt8(member[lo])
                moved = true
                continue
            }
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
        return moved
    }

    @inline(__always)
    private func renumberHolders(_ p: UnsafeMutableRawPointer) {
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        let threads = renumber.count
        for o in numberOffsets where bytes[o] != 0 {
            // A holder past the run's threads is no thread of it (a cluster's world gives the
            // locks other clusters hold to such a stranger, `ClusterRun`): it stays as it is.
            let h = Int(bytes[o]) - 1
            if h < threads { bytes[o] = renumber[h] + 1 }
        }
    }

    @inline(__always)
    private func resetRenumber() {
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
    /// the symmetry then. A search cut short by a bound has no exact sums to share: `exact` false
    /// rounds each share down (such counts are of the states explored, and say so).
    func expand(_ sums: [[UInt8]: ScheduleCount], exact: Bool = true) -> [[UInt8]: ScheduleCount]? {
        var out: [[UInt8]: ScheduleCount] = [:]
        for (key, sum) in sums {
            guard sum != .max else { return nil }
            let all = arrangements(of: key)
            let share = sum / ScheduleCount(all.count)
            precondition(!exact || share * ScheduleCount(all.count) == sum,
                         "a set of swapped outcomes does not split evenly: the threads are not interchangeable")
            for k in all { out[k] = share }
        }
        return out
    }

    /// Every distinct arrangement of each class's results in `key` (bytes past the threads kept).
    func arrangements(of key: [UInt8]) -> [[UInt8]] {
        var all = [key]
        for c in classes {
            all = all.flatMap { k in
                Self.distinctPermutations(c.map { k[$0] }).map { p in
                    var k = k
                    for (t, b) in zip(c, p) { k[t] = b }
                    return k
                }
            }
        }
        return all
    }

    /// A renumbering of threads within classes that turns results `from` into `to` (an
    /// arrangement of it): `map[t]` is the thread that should take thread `t`'s steps.
    func relabelling(from: [UInt8], to: [UInt8]) -> [Int] {
        var map = Array(0..<from.count)
        for c in classes {
            var free = c
            for t in c {
                let j = free.firstIndex { to[$0] == from[t] }!
                map[t] = free.remove(at: j)
            }
        }
        return map
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
