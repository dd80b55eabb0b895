/// Where a packed world names threads, for search code that relabels them in place.
///
/// Threads appear in a world in two ways: by position (thread `t`'s record) and by number (the
/// holder of a group's `group->mutex` or of a device's `device_lock`, stored as thread + 1, 0 for
/// free). Swapping two threads must rewrite both, or the world would say the wrong one holds a lock.
/// Nothing else in a world names a thread: owners, drivers and contexts are topology indices.
extension World {
    /// Bytes of one thread's record (pc, finished, result, local).
    public static var threadRecordBytes: Int { recordSize }

    /// The offset of thread `t`'s record in `bytes`.
    public func threadRecordOffset(_ t: Int) -> Int { Int(threadBase) + World.recordSize * t }

    /// The offsets of every byte holding a thread number + 1: each group's mutex holder, then each
    /// device's lock holder.
    public var threadNumberOffsets: [Int] {
        (0..<groupCount).map { World.headerSize + World.recordSize * $0 }
            + (0..<deviceCount).map { Int(deviceBase) + World.recordSize * $0 + 1 }
    }
}
