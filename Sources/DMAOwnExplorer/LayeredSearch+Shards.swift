#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DMAOwnEngine

extension LayeredSearch {
    /// A counting pass (`config`: counts, no judging) run on one thread for its first `shardAfter`
    /// states and then, when it is not done, as two halves on two threads (`ShardLink`): the first
    /// on the calling thread, which alone calls `progress` and `isCancelled`, the second on a
    /// thread of its own. The halves' figures are put together in the search returned (the
    /// first half's), which reads like a whole pass's: the same states, transitions, outcomes and
    /// counts (`ShardedCountingTests`).
    ///
    /// Why: the counting pass is most of a default check's time (N4K9: 291,248 of its 322,166
    /// states), and its states can be split between threads with no lock at all (`ShardLink`);
    /// its lookups were already as cheap as one thread makes them.
    static func countInShards(run: Run, initial: World, config: Config, shardAfter: Int = shardAfter,
                              progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) -> LayeredSearch {
        let first = LayeredSearch(run: run, initial: initial, config: config, persistent: nil)
        first.search(suspendingAfter: shardAfter, progress: progress, isCancelled: isCancelled)
        if first.suspended { first.continueInShards(progress: progress, isCancelled: isCancelled) }
        return first
    }

    /// Goes on with this suspended counting pass (`search(suspendingAfter:)`) as half 0 on the
    /// calling thread, with half 1 on a thread of its own, and puts the halves together here.
    func continueInShards(progress: (ExplorationProgress) -> Void, isCancelled: () -> Bool) {
        // The key: the pcs of the two threads with the longest programs, among those folding
        // leaves in place (a folded thread's record moves when a thread of its class steps).
        let folded = Set((config.symmetry?.classes ?? []).flatMap { $0 })
        let longest = run.operations.indices.filter { !folded.contains($0) }
            .sorted { (run.programs[$0].steps.count, $1) > (run.programs[$1].steps.count, $0) }.prefix(2).map(initial.threadRecordOffset)
        let link = ShardLink(levels: Self.topLevel(run, byLength: config.byLength) + 1,
                             keys: (longest.first ?? -1, longest.count > 1 ? longest[1] : -1))
        // Folding threads keeps scratch per call, so each half folds with its own.
        var second = config
        second.symmetry = config.symmetry.map { _ in ThreadSymmetry(run: run, world: initial)! }
        let other = LayeredSearch(run: run, initial: initial, config: second, persistent: nil)
        other.becomeHalf(1, of: link, from: self)
        becomeHalf(0, of: link, from: self)
        let thread = SearchThread { other.search(progress: { _ in }, isCancelled: { false }) }
        search(progress: progress, isCancelled: isCancelled)
        thread.join()
        absorb(other, progress: progress)
    }

    /// States a counting pass expands on one thread before it goes on on two (`countInShards`).
    /// Two threads cost CPU (N4K9: 0.14 → 0.19 CPU-seconds, for 0.14 → 0.11 s) and gain nothing
    /// on small graphs: the 39,572 states of the bench's headline took as long either way, and
    /// the groups family's clusters of 315 states three times as long (a thread and two barriers
    /// a level for a graph of a millisecond).
    static let shardAfter = 50_000
}

/// A POSIX thread running one closure, joined by `join()`. A thread of its own rather than a
/// Dispatch queue: the two halves of a sharded pass wait for each other at every level, and a
/// work item on a shared queue whose threads were all busy (a test run's, say) might never start.
final class SearchThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        let made = pthread_create(&thread, nil, { raw in
            let me = Unmanaged<SearchThread>.fromOpaque(raw!).takeRetainedValue()
            me.body()
            return nil
        }, context)
        precondition(made == 0, "could not start the counting pass's second thread (pthread_create: \(made))")
    }

    func join() { pthread_join(thread, nil) }
}

extension LayeredSearch {
    /// `lookUp` for one half of a sharded pass: the other half's successors go to its mailbox for
    /// their level (`mailboxes`, indexed by level; `spare`, memory for them). A function of its
    /// own, not a branch in `lookUp`: sharing one made the optimiser call `StateLayer.reach` out
    /// of line in both. Nothing here may retain the shared `ShardLink`: both threads counting
    /// references on one object cost more than the second thread saved.
    @inline(never)
    static func lookUpSharded<B: WorldBlocks>(_: B.Type, _ batch: UnsafeMutablePointer<Successor>, count n: Int, stride: Int,
                                              paths: ScheduleCount, depth: UInt32, mailboxes: UnsafeMutablePointer<ShardMailbox>,
                                              spare: UnsafeMutablePointer<ShardMailbox>, me: Int, keys: (Int, Int)) -> UInt64 {
        for j in 0..<n { batch[j].hash = StateHash.hash(batch[j].bytes, stride, blocks: B.before) }
        var sink: UInt64 = 0
        for j in 0..<n { sink &+= StateLayer.touch(batch[j].columns, hash: batch[j].hash) }
        for j in 0..<n {
            let s = batch[j]
            if ShardLink.shard(of: s.bytes, hash: s.hash, keys: keys) == me {
                StateLayer.reach(s.columns, s.bytes, hash: s.hash, paths: paths, depth: depth, parent: 0, choice: 0, blocks: B.before)
            } else {
                mailboxes[Int(truncatingIfNeeded: s.level)].append(s.bytes, stride: stride, hash: s.hash, paths: paths, depth: depth, spare: spare)
            }
        }
        return sink
    }

    /// Files every record of `box` (in the order written) into `columns`, then recycles the box's
    /// memory into `spare`; `blocks` as for `worldBlocks(length:)`.
    static func fileMail(_ box: UnsafeMutablePointer<ShardMailbox>, spare: UnsafeMutablePointer<ShardMailbox>,
                         into columns: UnsafeMutablePointer<StateLayer.Columns>, stride: Int, blocks: Int) {
        switch blocks {
        case -1: fileMail(WorldBlocksShort.self, box, spare: spare, into: columns, stride: stride)
        case 0: fileMail(WorldBlocks0.self, box, spare: spare, into: columns, stride: stride)
        case 1: fileMail(WorldBlocks1.self, box, spare: spare, into: columns, stride: stride)
        case 2: fileMail(WorldBlocks2.self, box, spare: spare, into: columns, stride: stride)
        case 3: fileMail(WorldBlocks3.self, box, spare: spare, into: columns, stride: stride)
        case 4: fileMail(WorldBlocks4.self, box, spare: spare, into: columns, stride: stride)
        case 5: fileMail(WorldBlocks5.self, box, spare: spare, into: columns, stride: stride)
        case 6: fileMail(WorldBlocks6.self, box, spare: spare, into: columns, stride: stride)
        case 7: fileMail(WorldBlocks7.self, box, spare: spare, into: columns, stride: stride)
        default: fileMail(WorldBlocksLong.self, box, spare: spare, into: columns, stride: stride)
        }
    }

    private static func fileMail<B: WorldBlocks>(_: B.Type, _ box: UnsafeMutablePointer<ShardMailbox>, spare: UnsafeMutablePointer<ShardMailbox>,
                                                 into columns: UnsafeMutablePointer<StateLayer.Columns>, stride: Int) {
        guard let data = box.pointee.data else { return }
        let size = ShardMailbox.recordSize(stride: stride)
        for i in 0..<box.pointee.count {
            let p = UnsafeRawPointer(data + i &* size)
            let paths = ScheduleCount(p.load(fromByteOffset: 16, as: UInt64.self)) << 64 | ScheduleCount(p.load(fromByteOffset: 8, as: UInt64.self))
            StateLayer.reach(columns, p + 32, hash: p.load(as: UInt64.self), paths: paths, depth: p.load(fromByteOffset: 24, as: UInt32.self),
                             parent: 0, choice: 0, blocks: B.before)
        }
        box.pointee.recycle(into: spare)
    }
}
