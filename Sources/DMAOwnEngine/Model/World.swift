/// The whole mutable kernel state at one instant, packed into one byte array.
///
/// One allocation per copy and a byte-wise hash keep the explorer's millions of states and the
/// TUI's undo history cheap. Layout: a 6-byte header (flags, group count, device count), then
/// 4 bytes per group, 4 per device, the user-space front ends (2 bytes per group, 1 per device),
/// 4 per thread. Names live in `Topology`. A group's two front-end bytes are the VFIO user + 1
/// (bit 7: its DMA) and the in-kernel claimer + 1 (bit 7: VFIO's `container_users` is not 0). A
/// device's phase byte keeps its VFIO registration in bit 4.
public struct World: Hashable, Sendable {
    public private(set) var bytes: [UInt8]
    /// Where the device and thread records start. Derived from the header, but kept so the
    /// explorer's millions of record reads do not decode it again each time; threads are appended
    /// at the end, so neither moves once the world is made.
    let deviceBase: Int32
    let frontEndBase: Int32
    @usableFromInline let threadBase: Int32

    static let headerSize = 6
    @usableFromInline static let recordSize = 4

    /// A world with every group unowned on its default domain, every device idle, no threads.
    public init(topology: Topology) {
        let g = topology.groups.count, d = topology.devices.count
        bytes = [UInt8](repeating: 0, count: World.headerSize + World.recordSize * (g + d) + 2 * g + d)
        deviceBase = Int32(World.headerSize + World.recordSize * g)
        frontEndBase = deviceBase + Int32(World.recordSize * d)
        threadBase = frontEndBase + Int32(2 * g + d)
        bytes[2] = UInt8(truncatingIfNeeded: g); bytes[3] = UInt8(truncatingIfNeeded: g >> 8)
        bytes[4] = UInt8(truncatingIfNeeded: d); bytes[5] = UInt8(truncatingIfNeeded: d >> 8)
        for i in 0..<g { self[group: i].domain = .default }
    }

    public var groupCount: Int { Int(bytes[2]) | Int(bytes[3]) << 8 }
    public var deviceCount: Int { Int(bytes[4]) | Int(bytes[5]) << 8 }
    public var threadCount: Int { (bytes.count - Int(threadBase)) / World.recordSize }

    private var groupBase: Int { World.headerSize }

    // MARK: Sticky event flags

    /// Events that, once they happen, stay true for the rest of the run.
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        // Computed and inlinable rather than `static let`: the explorer tests `.bugOn` on every
        // state and step, and a stored static costs a call to its lazy-initialising addressor.
        /// The kernel hit `BUG_ON()`: the machine is dead, no thread runs again.
        @inlinable public static var bugOn: Flags { Flags(rawValue: 1) }
        /// A `WARN_ON()` fired.
        @inlinable public static var warned: Flags { Flags(rawValue: 2) }
        /// A thread took a `device_lock` while holding a `group->mutex`.
        @inlinable public static var lockOrder: Flags { Flags(rawValue: 4) }
    }

    public var flags: Flags {
        @inlinable get { Flags(rawValue: bytes[0]) }
        set { bytes[0] = newValue.rawValue }
    }

    /// The `WARN_ON()` that fired first, if one did (header byte 1), so the message can quote it.
    public internal(set) var firstWarning: WarnSite? {
        get { WarnSite(rawValue: bytes[1]) }
        set { bytes[1] = newValue?.rawValue ?? 0 }
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
        /// A VFIO driver registered the device with VFIO (`vfio_register_group_dev`, called from its
        /// `probe()`: vfio-pci's `vfio_pci_probe` → `vfio_pci_core_register_device`) and has not yet
        /// unregistered it (`vfio_unregister_group_dev`, from its `remove()`, after waiting for the
        /// user). While it is set the group's `/dev/vfio/N` exists and `vfio_group_get_device`
        /// finds the device. Packed as bit 4 of the phase byte.
        public var vfioRegistered: Bool = false
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
        @inline(__always) get {
            let r = record(at: groupBase + World.recordSize * i)
            return GroupState(
                mutexHolder: World.decodeHolder(r.0), owner: OwnerToken(encoded: r.1),
                ownerCount: Int(r.2), domain: Domain(encoded: r.3))
        }
        @inline(__always) set {
            setRecord(at: groupBase + World.recordSize * i,
                      (World.encodeHolder(newValue.mutexHolder), newValue.owner.encoded,
                       UInt8(clamping: newValue.ownerCount), newValue.domain.encoded))
        }
    }

    public subscript(device i: Int) -> DeviceState {
        @inline(__always) get {
            let r = record(at: Int(deviceBase) + World.recordSize * i)
            return DeviceState(
                driver: r.0 == 0 ? nil : Int(r.0) - 1, lockHolder: World.decodeHolder(r.1),
                phase: World.decodePhase(r.2), doingDMA: r.3 != 0, vfioRegistered: r.2 & 0x10 != 0)
        }
        @inline(__always) set {
            setRecord(at: Int(deviceBase) + World.recordSize * i,
                      (newValue.driver.map { UInt8($0 + 1) } ?? 0, World.encodeHolder(newValue.lockHolder),
                       newValue.phase.rawValue | (newValue.vfioRegistered ? 0x10 : 0), newValue.doingDMA ? 1 : 0))
        }
    }

    public subscript(thread i: Int) -> ThreadState {
        @inline(__always) get {
            let r = record(at: Int(threadBase) + World.recordSize * i)
            return ThreadState(pc: Int(r.0), done: r.1 != 0, result: Errno(rawValue: r.2) ?? .ok, local: r.3)
        }
        @inline(__always) set {
            setRecord(at: Int(threadBase) + World.recordSize * i,
                      (UInt8(newValue.pc), newValue.done ? 1 : 0, newValue.result.rawValue, newValue.local))
        }
    }

    // MARK: User-space front ends (VFIO group, VFIO device cdev bound to iommufd, in-kernel claimers)

    /// Who holds a group from outside the IOMMU core: the VFIO user that has `/dev/vfio/N` open with
    /// its container set, and the in-kernel caller of `iommu_group_claim_dma_owner` (`kclaim`).
    ///
    /// The IOMMU core's `owner` cannot say this: Robin's scheme stores a driver token there, the
    /// notifier scheme has no ownership at all, and a claim refused by VFIO never reaches the core.
    public struct GroupHolders: Hashable, Sendable {
        /// The user holding the VFIO group (from its open until its close), or nil.
        public var vfioUser: Int?
        /// The VFIO user's claim has returned and it may do DMA through its domain (cleared when
        /// its release starts: the user stops DMA before it lets go).
        public var userDMA: Bool
        /// The owner whose in-kernel claim (`kclaim`) holds the group, or nil.
        public var kernelClaimer: Int?
        /// VFIO's `atomic_t container_users` is not 0: raised by `VFIO_GROUP_SET_CONTAINER`
        /// (`vfio_group_set_container`), dropped when the container is unset. It is what the pre-5.19
        /// BOUND_DRIVER check reads (`vfio_group_nb_verify`), and it is not the same fact as
        /// `vfioUser`: 5.18's `vfio_group_unset_container` and `vfio_group_try_dissolve_container`
        /// drop it to 0 *before* `__vfio_group_unset_container` detaches the container's domain,
        /// while the user still holds the group. Every scheme raises it with `vfioUser` and clears it
        /// with it; only the notifier drops it earlier, and only the notifier reads it.
        public var containerUsers: Bool
        public init(vfioUser: Int? = nil, userDMA: Bool = false, kernelClaimer: Int? = nil, containerUsers: Bool = false) {
            self.vfioUser = vfioUser; self.userDMA = userDMA; self.kernelClaimer = kernelClaimer
            self.containerUsers = containerUsers
        }
    }

    /// A device's binding to an iommufd context through its VFIO cdev (`VFIO_DEVICE_BIND_IOMMUFD`).
    public struct DeviceBinding: Hashable, Sendable {
        /// The iommufd context the device is bound to, or nil.
        public var context: Int?
        /// The context's attach has returned and it may do DMA through the device.
        public var userDMA: Bool
        public init(context: Int? = nil, userDMA: Bool = false) { self.context = context; self.userDMA = userDMA }
    }

    // The front-end accessors run inside the VFIO steps the explorer takes millions of times.
    // They find their byte from the stored record offsets (`bindingBase`, `groups`, `devices`)
    // rather than `groupCount` and `deviceCount`, which decode two header bytes each with their
    // own bounds checks, and read or write both of a group's bytes through one bounds check (and
    // one uniqueness check). `openGroup`'s action with `groupIsOpenable` and the `holders`
    // accessors it calls cost 20.9 M instructions of a default N4K9 check before, 13.0 M after
    // (issue 14).

    // A shift by two, not a division by `recordSize` (4): the offsets `init` lays out are never
    // negative, and the signed division cost more than the header read it replaces.
    /// The number of groups, from the record offsets: what `groupCount` says, without reading the header.
    var groups: Int { (Int(deviceBase) &- World.headerSize) &>> 2 }
    /// The number of devices, from the record offsets.
    var devices: Int { (Int(frontEndBase) &- Int(deviceBase)) &>> 2 }
    /// Where the devices' binding bytes start, after the groups' two front-end bytes each.
    private var bindingBase: Int { Int(threadBase) &- devices }

    public subscript(holders g: Int) -> GroupHolders {
        @inline(__always) get {
            precondition(g >= 0 && g < groups, "group \(g) is outside the world")
            let o = Int(frontEndBase) + 2 * g
            let (a, b) = bytes.withUnsafeBufferPointer { p in
                precondition(o + 1 < p.count, "group \(g) is outside the world")
                return (p[o], p[o + 1])
            }
            return GroupHolders(vfioUser: World.decodeOwner(a), userDMA: a & 0x80 != 0, kernelClaimer: World.decodeOwner(b),
                                containerUsers: b & 0x80 != 0)
        }
        @inline(__always) set {
            precondition(g >= 0 && g < groups, "group \(g) is outside the world")
            let o = Int(frontEndBase) + 2 * g
            let a = World.encodeOwner(newValue.vfioUser) | (newValue.userDMA ? 0x80 : 0)
            let b = World.encodeOwner(newValue.kernelClaimer) | (newValue.containerUsers ? 0x80 : 0)
            bytes.withUnsafeMutableBufferPointer { p in
                precondition(o + 1 < p.count, "group \(g) is outside the world")
                p[o] = a; p[o + 1] = b
            }
        }
    }

    public subscript(binding d: Int) -> DeviceBinding {
        @inline(__always) get {
            let b = bindingByte(ofDevice: d)
            return DeviceBinding(context: World.decodeOwner(b), userDMA: b & 0x80 != 0)
        }
        @inline(__always) set {
            precondition(d >= 0 && d < devices, "device \(d) is outside the world")
            bytes[bindingBase + d] = World.encodeOwner(newValue.context) | (newValue.userDMA ? 0x80 : 0)
        }
    }

    /// The raw front-end byte of group `g` (VFIO user + 1 in the low 7 bits, bit 7 its DMA), for
    /// the invariant checks the explorer runs on every state.
    @inline(__always)
    func vfioByte(ofGroup g: Int) -> UInt8 {
        precondition(g >= 0 && g < groups, "group \(g) is outside the world")
        return bytes[Int(frontEndBase) + 2 * g]
    }

    /// The raw binding byte of device `d` (context + 1 in the low 7 bits, bit 7 its DMA).
    @inline(__always)
    func bindingByte(ofDevice d: Int) -> UInt8 {
        precondition(d >= 0 && d < devices, "device \(d) is outside the world")
        return bytes[bindingBase + d]
    }

    /// Whether device `d` is registered with VFIO (bit 4 of its phase byte), without decoding the
    /// rest of its record: VFIO's group open asks it of every member of the group.
    @inline(__always)
    public func vfioRegistered(ofDevice d: Int) -> Bool {
        precondition(d >= 0 && d < devices, "device \(d) is outside the world")
        return bytes[Int(deviceBase) + World.recordSize * d + 2] & 0x10 != 0
    }

    private static func decodeOwner(_ b: UInt8) -> Int? { b & 0x7F == 0 ? nil : Int(b & 0x7F) - 1 }
    private static func encodeOwner(_ o: Int?) -> UInt8 {
        guard let o else { return 0 }
        precondition(o >= 0 && o < 127, "owner \(o) does not fit a front-end byte")
        return UInt8(o + 1)
    }

    /// Thread `i`'s program counter and whether it has finished, without decoding the rest.
    /// Inlinable: the explorer asks it after every step, from another module.
    @inlinable @inline(__always)
    public func progress(ofThread i: Int) -> (pc: Int, done: Bool) {
        let r = record(at: Int(threadBase) + World.recordSize * i)
        return (Int(r.0), r.1 != 0)
    }

    /// Moves thread `i` to step `pc`, leaving the rest of its record as its step left it.
    @inline(__always)
    public mutating func setPC(ofThread i: Int, _ pc: Int) {
        let o = Int(threadBase) + World.recordSize * i
        bytes[o] = UInt8(pc)
    }

    /// Marks thread `i` finished with `result`.
    @inline(__always)
    public mutating func finish(thread i: Int, result: Errno) {
        precondition(i >= 0, "thread \(i) is outside the world")
        finish(atRecord: threadRecord(i), result: result)
    }

    // MARK: A thread's record by its offset, for `Run.step`

    // `step` runs once per transition. The public accessors above work out the record's offset
    // with overflow checks on every call, and `setPC` checks that the pc fits a byte; `step`
    // works the offset out once, knows its pc fits (a `MoveTable` holds no program of 256 steps
    // or more), and reads and writes through it with only the bounds check that keeps memory
    // safe (issue 14).

    /// The offset of thread `i`'s record. Wrapping arithmetic: every read or write through the
    /// offset is bounds-checked, and a caller that takes an index it has not checked against its
    /// run checks it before it relies on what it read.
    @inline(__always)
    func threadRecord(_ i: Int) -> Int { Int(threadBase) &+ World.recordSize &* i }

    // After a step's action `step` writes through the record offset it checked before the
    // action: only the check that keeps the write inside the world is repeated (the action holds
    // the world `inout` and could have replaced it), not that the offset is a thread's, which
    // the offset's origin already says; one value fewer kept across the action's call.

    /// Sets the pc byte of the thread record at `offset` (from `threadRecord`).
    @inline(__always)
    mutating func setPC(atRecord offset: Int, _ pc: UInt8) {
        bytes.withUnsafeMutableBufferPointer { p in
            precondition(offset >= 0 && offset < p.count &- 3, "record \(offset) is outside the world")
            p[offset] = pc
        }
    }

    /// Moves the thread whose record is at `offset` (from `threadRecord`) to its next step.
    @inline(__always)
    mutating func advancePC(atRecord offset: Int) {
        bytes.withUnsafeMutableBufferPointer { p in
            precondition(offset >= 0 && offset < p.count &- 3, "record \(offset) is outside the world")
            p[offset] &+= 1
        }
    }

    /// Marks the thread whose record is at `offset` (from `threadRecord`) finished with `result`.
    @inline(__always)
    mutating func finish(atRecord offset: Int, result: Errno) {
        bytes.withUnsafeMutableBufferPointer { p in
            precondition(offset >= 0 && offset < p.count &- 3, "record \(offset) is outside the world")
            p[offset + 1] = 1; p[offset + 2] = result.rawValue
        }
    }

    /// Who holds group `g`'s mutex, without decoding the rest of its record (lock checks run for
    /// every thread of every state the explorer visits).
    @inline(__always)
    public func mutexHolder(ofGroup g: Int) -> Int? { World.decodeHolder(record(at: groupBase + World.recordSize * g).0) }

    /// Who holds device `d`'s `device_lock`.
    @inline(__always)
    public func lockHolder(ofDevice d: Int) -> Int? { World.decodeHolder(record(at: Int(deviceBase) + World.recordSize * d).1) }

    /// The four bytes of the record at `offset`, read with one bounds check instead of four.
    ///
    /// `offset < count - 3` rather than `offset + 4 <= count`: the same test without an
    /// overflow check (`step` and the explorer read a record per transition).
    @inlinable @inline(__always)
    func record(at offset: Int) -> (UInt8, UInt8, UInt8, UInt8) {
        precondition(offset >= 0 && offset < bytes.count &- (World.recordSize - 1), "record \(offset) is outside a world of \(bytes.count) bytes")
        return bytes.withUnsafeBufferPointer { p in
            (p[offset], p[offset + 1], p[offset + 2], p[offset + 3])
        }
    }

    /// Writes the four bytes of the record at `offset`: one bounds and uniqueness check, not four.
    @inline(__always)
    private mutating func setRecord(at offset: Int, _ r: (UInt8, UInt8, UInt8, UInt8)) {
        precondition(offset >= 0 && offset + World.recordSize <= bytes.count, "record \(offset) is outside a world of \(bytes.count) bytes")
        bytes.withUnsafeMutableBufferPointer { p in
            p[offset] = r.0; p[offset + 1] = r.1; p[offset + 2] = r.2; p[offset + 3] = r.3
        }
    }

    /// Overwrites this world in place with `packed`, the bytes of a world of the same shape.
    ///
    /// The explorer reloads millions of stored states into one scratch world; copying into storage
    /// it already owns avoids an allocation per state. `copyMemory` (libc's `memcpy`) is as cheap
    /// as it gets here: for a world of a few dozen bytes it costs about 11 instructions, and copying
    /// in 8- or 16-byte words inline measured slower (issue 14).
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

    /// The phase in the low nibble of a device's phase byte; an unknown value reads as idle.
    /// A switch rather than the failable `Phase(rawValue:)`, which the optimiser leaves as a call
    /// on the explorer's path (every device read decodes it).
    @inline(__always)
    static func decodePhase(_ b: UInt8) -> Phase {
        switch b & 0x0F {
        case 1: .probing
        case 2: .bound
        case 3: .removing
        default: .idle
        }
    }

    // MARK: Single fields of a device record

    /// The offset of device `d`'s record, trapping when the world has no device `d`: the one
    /// check every single-field accessor below makes before it reads or writes.
    @inline(__always)
    private func deviceRecord(_ d: Int) -> Int {
        let o = Int(deviceBase) + World.recordSize * d
        precondition(d >= 0 && o < Int(frontEndBase), "device \(d) is outside the world")
        return o
    }

    // A step that sets one field through `self[device: d].field = x` decodes the whole record and
    // encodes it back; these write only the byte that changes, for the steps the explorer runs most
    // (probe's `dev->driver = drv`, `driver_bound`).

    /// Sets device `d`'s phase, keeping its VFIO registration (`self[device: d].phase = phase`).
    @inline(__always)
    public mutating func setPhase(_ phase: Phase, ofDevice d: Int) {
        let o = deviceRecord(d)
        bytes.withUnsafeMutableBufferPointer { p in p[o + 2] = p[o + 2] & 0x10 | phase.rawValue }
    }

    /// Sets device `d`'s bound driver (`self[device: d].driver = driver`).
    @inline(__always)
    public mutating func setDriver(_ driver: Int?, ofDevice d: Int) {
        let o = deviceRecord(d)
        let b = driver.map { UInt8($0 + 1) } ?? 0
        bytes.withUnsafeMutableBufferPointer { p in p[o] = b }
    }

    /// `dev->driver = NULL`, the device idle (its VFIO registration kept), then
    /// `device_unlock(dev)`: how every unbind and every failed bind ends (`__device_release_driver`,
    /// `really_probe`'s unwinding), written in one access instead of three
    /// (`self[device: d].driver = nil`, `.phase = .idle`, `unlockDevice(d)`), each of which paid
    /// its own uniqueness check (issue 14).
    @inline(__always)
    public mutating func clearDriverAndUnlock(_ d: Int) {
        let o = deviceRecord(d)
        bytes.withUnsafeMutableBufferPointer { p in
            p[o] = 0                                            // dev->driver = NULL
            p[o + 2] = p[o + 2] & 0x10 | Phase.idle.rawValue    // idle, still registered with VFIO or not
            p[o + 1] = 0                                        // device_unlock(dev)
        }
    }

    // The steps of every bind and unbind (`really_probe`'s `dev->driver = drv`, `drv->probe()`,
    // `drv->remove()`, `device_driver_detach`) set one or two fields. Through the subscripts each
    // field cost a decode of the whole record, the thread's through an out-of-line
    // `Errno(rawValue:)`, and an encode with its own uniqueness check; these read or write the
    // byte that changes (issue 14).

    /// Device `d`'s bound driver (`self[device: d].driver`), from its one byte.
    @inline(__always)
    public func driver(ofDevice d: Int) -> Int? {
        let o = deviceRecord(d)
        let b = bytes[o]
        return b == 0 ? nil : Int(b) - 1
    }

    /// `dev->driver = drv` and the phase in one write (`really_probe` sets the driver as it starts
    /// probing), keeping the VFIO registration.
    @inline(__always)
    public mutating func setDriver(_ driver: Int?, phase: Phase, ofDevice d: Int) {
        let o = deviceRecord(d)
        let b = driver.map { UInt8($0 + 1) } ?? 0
        bytes.withUnsafeMutableBufferPointer { p in
            p[o] = b
            p[o + 2] = p[o + 2] & 0x10 | phase.rawValue
        }
    }

    /// Sets whether device `d`'s DMA-API driver is doing DMA (`self[device: d].doingDMA = on`).
    @inline(__always)
    public mutating func setDoingDMA(_ on: Bool, ofDevice d: Int) {
        let o = deviceRecord(d)
        bytes.withUnsafeMutableBufferPointer { p in p[o + 3] = on ? 1 : 0 }
    }

    /// Sets device `d`'s VFIO registration, bit 4 of its phase byte
    /// (`self[device: d].vfioRegistered = on`).
    @inline(__always)
    public mutating func setVFIORegistered(_ on: Bool, ofDevice d: Int) {
        let o = deviceRecord(d)
        bytes.withUnsafeMutableBufferPointer { p in p[o + 2] = p[o + 2] & 0x0F | (on ? 0x10 : 0) }
    }

    /// What a driver's `remove()` leaves: no DMA, and no longer registered with VFIO (only a VFIO
    /// driver had registered it), in one write.
    @inline(__always)
    public mutating func stopDMAAndUnregister(_ d: Int) {
        let o = deviceRecord(d)
        bytes.withUnsafeMutableBufferPointer { p in
            p[o + 3] = 0
            p[o + 2] = p[o + 2] & 0x0F
        }
    }

    // MARK: A group's count and mutex

    // The counting schemes' kernel-user steps (`iommu_device_use_default_domain`,
    // `iommu_device_unuse_default_domain`) end by changing `owner_cnt` and releasing
    // `group->mutex`; through the subscript that decoded the owner and domain and encoded the whole
    // record back (issue 14).

    /// Group `g`'s `owner_cnt` (`self[group: g].ownerCount`), from its one byte.
    @inline(__always)
    public func ownerCount(ofGroup g: Int) -> Int {
        precondition(g >= 0 && World.mutexByte(ofGroup: g) < Int(deviceBase), "group \(g) is outside the world")
        return Int(bytes[World.mutexByte(ofGroup: g) + 2])
    }

    /// Sets group `g`'s `owner_cnt` to `count` and releases its mutex, in one write.
    @inline(__always)
    public mutating func setOwnerCountAndUnlock(_ count: Int, ofGroup g: Int) {
        let o = World.mutexByte(ofGroup: g)
        precondition(g >= 0 && o < Int(deviceBase), "group \(g) is outside the world")
        let n = UInt8(clamping: count)
        bytes.withUnsafeMutableBufferPointer { p in
            p[o + 2] = n        // owner_cnt
            p[o] = 0            // mutex_unlock(&group->mutex)
        }
    }

    // MARK: Single fields of a thread record

    /// The offset of thread `i`'s record in a world of `count` bytes whose thread records start
    /// at `base`, trapping when the world has no thread `i`.
    @inline(__always)
    private static func checkedThreadRecord(_ i: Int, base: Int, count: Int) -> Int {
        precondition(i >= 0 && i < (count &- base) &>> 2, "thread \(i) is outside the world")
        return base &+ World.recordSize &* i
    }

    /// Thread `i`'s scratch byte (`self[thread: i].local`).
    @inline(__always)
    public func local(ofThread i: Int) -> UInt8 {
        bytes.withUnsafeBufferPointer { [base = Int(threadBase)] p in p[World.checkedThreadRecord(i, base: base, count: p.count) + 3] }
    }

    /// Sets thread `i`'s scratch byte (`self[thread: i].local = value`).
    @inline(__always)
    public mutating func setLocal(_ value: UInt8, ofThread i: Int) {
        bytes.withUnsafeMutableBufferPointer { [base = Int(threadBase)] p in p[World.checkedThreadRecord(i, base: base, count: p.count) + 3] = value }
    }

    /// Thread `i`'s result so far (`self[thread: i].result`): the pending errno of a failing bind.
    @inline(__always)
    public func result(ofThread i: Int) -> Errno {
        World.decodeErrno(bytes.withUnsafeBufferPointer { [base = Int(threadBase)] p in p[World.checkedThreadRecord(i, base: base, count: p.count) + 2] })
    }

    /// An errno byte; an unknown value reads as 0, as in `self[thread:]`. A switch rather than
    /// `Errno(rawValue:)`, which the optimiser leaves as a call (as `decodePhase` says of `Phase`).
    @inline(__always)
    static func decodeErrno(_ b: UInt8) -> Errno {
        switch b {
        case 1: .EBUSY
        case 2: .EPERM
        case 3: .ENODEV
        case 4: .EINVAL
        default: .ok
        }
    }

    /// Sets thread `i`'s result (`self[thread: i].result = e`).
    @inline(__always)
    public mutating func setResult(_ e: Errno, ofThread i: Int) {
        bytes.withUnsafeMutableBufferPointer { [base = Int(threadBase)] p in p[World.checkedThreadRecord(i, base: base, count: p.count) + 2] = e.rawValue }
    }

    /// `driver_bound()` with no notifier listening: device `d`'s phase set (its VFIO
    /// registration kept) and, unless the machine has hit `BUG_ON`, `device_unlock(dev)`, with the
    /// flags read in the same access rather than through `flags` first. Returns whether it
    /// unlocked (false: the machine stopped, the thread halts).
    @inline(__always)
    public mutating func setPhaseAndUnlockUnlessCrashed(_ phase: Phase, ofDevice d: Int) -> Bool {
        let o = deviceRecord(d)
        return bytes.withUnsafeMutableBufferPointer { p in
            p[o + 2] = p[o + 2] & 0x10 | phase.rawValue
            if p[0] & Flags.bugOn.rawValue != 0 { return false }
            p[o + 1] = 0                                        // device_unlock(dev)
            return true
        }
    }

    // MARK: Locks as bytes

    /// The offset of group `g`'s mutex-holder byte (thread + 1, 0 when free) in a world of this
    /// layout, so `Run` can work out once where each step's lock lives.
    static func mutexByte(ofGroup g: Int) -> Int { World.headerSize + World.recordSize * g }

    /// The offset of device `d`'s `device_lock` holder byte in a world with `groups` groups.
    static func lockByte(ofDevice d: Int, groups: Int) -> Int { World.headerSize + World.recordSize * (groups + d) + 1 }

    /// Thread `t` takes the lock whose holder byte is at `lock`; when `order` is not negative it is
    /// the holder byte of the group mutex that must not be held by `t` at that moment (lock order
    /// is `device_lock` before `group->mutex`), and the lock-order flag is raised if it is.
    ///
    /// One write through one uniqueness check, instead of decoding and re-encoding whole records:
    /// a lock is taken on most steps the explorer runs.
    @inline(__always)
    mutating func takeLock(at lock: Int, thread t: Int, orderCheck order: Int) {
        let holder = UInt8(t + 1)
        bytes.withUnsafeMutableBufferPointer { p in
            precondition(lock > 0 && lock < p.count && order < p.count, "lock byte \(lock) is outside the world")
            if order >= 0 && p[order] == holder { p[0] |= Flags.lockOrder.rawValue }
            p[lock] = holder
        }
    }

    /// `takeLock(at:thread:orderCheck:)`, and in the same write the pc byte of `t`'s record at
    /// `record` (from `threadRecord`) set to `pc`: a step that only takes a lock
    /// (`Step.locking`) is done in one write, through one uniqueness check instead of two.
    @inline(__always)
    mutating func takeLock(at lock: Int, thread t: Int, orderCheck order: Int, settingPC pc: UInt8, atRecord record: Int) {
        let holder = UInt8(t + 1)
        bytes.withUnsafeMutableBufferPointer { p in
            precondition(lock > 0 && lock < p.count && order < p.count, "lock byte \(lock) is outside the world")
            // Only that the write stays inside the world: `step` read the record at this offset
            // just before (as after an action, see `setPC(atRecord:)`).
            precondition(record >= 0 && record < p.count &- 3, "record \(record) is outside the world")
            if order >= 0 && p[order] == holder { p[0] |= Flags.lockOrder.rawValue }
            p[lock] = holder
            p[record] = pc
        }
    }

    /// Frees the lock whose holder byte is at `offset`.
    @inline(__always)
    private mutating func freeLock(at offset: Int) {
        bytes.withUnsafeMutableBufferPointer { p in
            precondition(offset > 0 && offset < p.count, "lock byte \(offset) is outside the world")
            p[offset] = 0
        }
    }

    /// Releases `group->mutex` of group `g`.
    public mutating func unlockGroup(_ g: Int) {
        precondition(g >= 0 && World.mutexByte(ofGroup: g) < Int(deviceBase), "group \(g) is outside the world")
        freeLock(at: World.mutexByte(ofGroup: g))
    }

    /// Releases `device_lock` of device `d`.
    public mutating func unlockDevice(_ d: Int) {
        freeLock(at: deviceRecord(d) + 1)
    }

    private static func decodeHolder(_ b: UInt8) -> Int? { b == 0 ? nil : Int(b) - 1 }
    private static func encodeHolder(_ t: Int?) -> UInt8 { t.map { UInt8($0 + 1) } ?? 0 }
}
