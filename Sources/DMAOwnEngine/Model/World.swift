/// The whole mutable kernel state at one instant, packed into one byte array.
///
/// One allocation per copy and a byte-wise hash keep the explorer's millions of states and the
/// TUI's undo history cheap. Layout: a 6-byte header (flags, group count, device count), then
/// 4 bytes per group, 4 per device, 4 per thread. Names live in `Topology`.
public struct World: Hashable, Sendable {
    public private(set) var bytes: [UInt8]

    static let headerSize = 6
    static let recordSize = 4

    /// A world with every group unowned on its default domain, every device idle, no threads.
    public init(topology: Topology) {
        let g = topology.groups.count, d = topology.devices.count
        bytes = [UInt8](repeating: 0, count: World.headerSize + World.recordSize * (g + d))
        bytes[2] = UInt8(truncatingIfNeeded: g); bytes[3] = UInt8(truncatingIfNeeded: g >> 8)
        bytes[4] = UInt8(truncatingIfNeeded: d); bytes[5] = UInt8(truncatingIfNeeded: d >> 8)
        for i in 0..<g { self[group: i].domain = .default }
    }

    public var groupCount: Int { Int(bytes[2]) | Int(bytes[3]) << 8 }
    public var deviceCount: Int { Int(bytes[4]) | Int(bytes[5]) << 8 }
    public var threadCount: Int { (bytes.count - deviceBase - World.recordSize * deviceCount) / World.recordSize }

    private var groupBase: Int { World.headerSize }
    private var deviceBase: Int { World.headerSize + World.recordSize * groupCount }
    private var threadBase: Int { deviceBase + World.recordSize * deviceCount }

    // MARK: Sticky event flags

    /// Events that, once they happen, stay true for the rest of the run.
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The kernel hit `BUG_ON()`: the machine is dead, no thread runs again.
        public static let bugOn = Flags(rawValue: 1)
        /// A `WARN_ON()` fired.
        public static let warned = Flags(rawValue: 2)
        /// A thread took a `device_lock` while holding a `group->mutex`.
        public static let lockOrder = Flags(rawValue: 4)
    }

    public var flags: Flags {
        get { Flags(rawValue: bytes[0]) }
        set { bytes[0] = newValue.rawValue }
    }

    // MARK: Records

    /// A group's mutable state: mutex holder, owner, count and attached domain.
    public struct GroupState: Hashable, Sendable {
        /// The thread holding `group->mutex`, or nil when it is free.
        public var mutexHolder: Int?
        public var owner: OwnerToken
        public var ownerCount: Int
        public var domain: Domain
    }

    /// A device's mutable state: bound driver, `device_lock` holder, phase, DMA activity.
    public struct DeviceState: Hashable, Sendable {
        public var driver: Int?
        public var lockHolder: Int?
        public var phase: Phase
        /// The device's DMA-API driver is doing DMA (between its `probe()` and the end of `remove()`).
        public var doingDMA: Bool
    }

    /// A thread's program counter, its return value once done, and one local slot.
    public struct ThreadState: Hashable, Sendable {
        public var pc: Int
        public var done: Bool
        public var result: Errno
        /// Scratch the step programs keep between steps (the driver an unbind found, the pending errno).
        public var local: UInt8
    }

    public subscript(group i: Int) -> GroupState {
        get {
            let o = groupBase + World.recordSize * i
            return GroupState(
                mutexHolder: World.decodeHolder(bytes[o]), owner: OwnerToken(encoded: bytes[o + 1]),
                ownerCount: Int(bytes[o + 2]), domain: Domain(encoded: bytes[o + 3]))
        }
        set {
            let o = groupBase + World.recordSize * i
            bytes[o] = World.encodeHolder(newValue.mutexHolder)
            bytes[o + 1] = newValue.owner.encoded
            bytes[o + 2] = UInt8(clamping: newValue.ownerCount)
            bytes[o + 3] = newValue.domain.encoded
        }
    }

    public subscript(device i: Int) -> DeviceState {
        get {
            let o = deviceBase + World.recordSize * i
            return DeviceState(
                driver: bytes[o] == 0 ? nil : Int(bytes[o]) - 1, lockHolder: World.decodeHolder(bytes[o + 1]),
                phase: Phase(rawValue: bytes[o + 2]) ?? .idle, doingDMA: bytes[o + 3] != 0)
        }
        set {
            let o = deviceBase + World.recordSize * i
            bytes[o] = newValue.driver.map { UInt8($0 + 1) } ?? 0
            bytes[o + 1] = World.encodeHolder(newValue.lockHolder)
            bytes[o + 2] = newValue.phase.rawValue
            bytes[o + 3] = newValue.doingDMA ? 1 : 0
        }
    }

    public subscript(thread i: Int) -> ThreadState {
        get {
            let o = threadBase + World.recordSize * i
            return ThreadState(
                pc: Int(bytes[o]), done: bytes[o + 1] != 0, result: Errno(rawValue: bytes[o + 2]) ?? .ok,
                local: bytes[o + 3])
        }
        set {
            let o = threadBase + World.recordSize * i
            bytes[o] = UInt8(newValue.pc)
            bytes[o + 1] = newValue.done ? 1 : 0
            bytes[o + 2] = newValue.result.rawValue
            bytes[o + 3] = newValue.local
        }
    }

    /// Overwrites this world in place with `packed`, the bytes of a world of the same shape.
    ///
    /// The explorer reloads millions of stored states into one scratch world; copying into storage
    /// it already owns avoids an allocation per state.
    public mutating func load(_ packed: UnsafeRawBufferPointer) {
        precondition(packed.count == bytes.count, "a packed world of \(packed.count) bytes does not fit one of \(bytes.count)")
        bytes.withUnsafeMutableBytes { $0.copyMemory(from: packed) }
    }

    /// Appends a thread at its first step; returns its index.
    @discardableResult
    public mutating func addThread() -> Int {
        bytes.append(contentsOf: [0, 0, 0, 0])
        return threadCount - 1
    }

    /// The same world with every thread removed: the state a setup leaves for new threads.
    public var withoutThreads: World {
        var w = self
        w.bytes.removeLast(World.recordSize * threadCount)
        return w
    }

    private static func decodeHolder(_ b: UInt8) -> Int? { b == 0 ? nil : Int(b) - 1 }
    private static func encodeHolder(_ t: Int?) -> UInt8 { t.map { UInt8($0 + 1) } ?? 0 }
}
