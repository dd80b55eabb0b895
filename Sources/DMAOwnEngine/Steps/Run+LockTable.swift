extension Run {
    /// Where each thread's next lock is, as byte offsets into a packed world, for the explorer's
    /// status scan: it asks every thread of every state whether it may move, and `status(of:in:)`
    /// decodes records and builds an enum per question.
    ///
    /// Entry `start[t] + pc` is the offset of the holder byte (thread + 1, 0 when free) of the lock
    /// thread `t`'s step `pc` takes, `LockTable.none` when it takes none, or `LockTable.slow` when
    /// the answer needs more than one byte (vfio-pci's `remove()` waiting for a user): ask
    /// `status(of:in:)` then. `canFail` has the same layout.
    public struct LockTable: Sendable {
        public static let none: Int32 = -1
        public static let slow: Int32 = -2
        public let start: [Int]
        public let holderByte: [Int32]
        public let canFail: [Bool]
        /// Offset of thread `t`'s record (pc, done, result, local) in a world of this run.
        public let threadRecord: [Int]
    }

    /// The table for worlds shaped like `world` (its topology and this run's threads).
    public func lockTable(for world: World) -> LockTable {
        var start: [Int] = [], holder: [Int32] = [], canFail: [Bool] = []
        let groupBase = World.headerSize, deviceBase = Int(world.deviceBase)
        for t in programs.indices {
            start.append(holder.count)
            for (pc, step) in programs[t].steps.enumerated() {
                canFail.append(programs[t].canFail[pc])
                switch step.acquires {
                case nil: holder.append(LockTable.none)
                case .groupMutex?: holder.append(Int32(groupBase + World.recordSize * operations[t].group(in: topology)))
                case .deviceLock?: holder.append(Int32(deviceBase + World.recordSize * operations[t].device! + 1))
                case .siblingLock(let d)?: holder.append(Int32(deviceBase + World.recordSize * d + 1))
                case .userLetGo?: holder.append(LockTable.slow)
                }
            }
        }
        let records = programs.indices.map { Int(world.threadBase) + World.recordSize * $0 }
        return LockTable(start: start, holderByte: holder, canFail: canFail, threadRecord: records)
    }
}
