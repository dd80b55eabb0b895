extension World {
    /// Whether any isolation breach exists (DOMAIN 4), read straight from the packed bytes in one
    /// pass over the groups and one over the devices.
    ///
    /// The explorer judges every state it visits and needs only yes or no; `Run.isolationBreach`
    /// names the first breach for people, decoding every record on the way, and costs the
    /// unreduced pass a third of its throughput on a group of a few devices (issue 10). The two
    /// must agree: `Run.broken` asserts it in debug builds.
    ///
    /// `deviceGroup[d]` is device `d`'s group index.
    ///
    /// Inlined into `Run.broken`, its only caller on the explorer's path, and it takes the group
    /// and device counts from the record offsets rather than decoding the header (issue 14).
    /// The scan as written first, one device at a time: what `anyIsolationBreach(_:)` falls back to
    /// when its word-wise reads do not fit (over 64 groups, or a world too short to read 8 bytes
    /// past its last binding byte).
    @inline(never)
    func anyIsolationBreach(deviceGroup: [Int32]) -> Bool {
        let groups = self.groups, devices = self.devices
        let fe = Int(frontEndBase), db = Int(deviceBase), gb = World.headerSize
        return bytes.withUnsafeBufferPointer { p in
            deviceGroup.withUnsafeBufferPointer { dg in
                precondition(dg.count == devices && fe + 2 * groups + devices <= p.count, "a world of another topology")
                // A VFIO user doing DMA through a group whose domain is not its own (domain byte
                // 3 + owner, the holder byte owner + 1 in its low bits).
                for g in 0..<groups {
                    let holder = p[fe + 2 * g]
                    if holder & 0x80 != 0, p[gb + 4 * g + 3] != (holder & 0x7F) &+ 2 { return true }
                }
                for d in 0..<devices {
                    let go = gb + 4 * Int(dg[d])
                    // Owned by a user or a managed driver (owner byte 2 and up) or off the default
                    // domain (byte 1): a kernel driver's DMA there is a breach.
                    if p[db + 4 * d + 3] != 0, p[go + 1] >= 2 || p[go + 3] != 1 { return true }
                    let b = p[fe + 2 * groups + d]
                    if b & 0x80 != 0, p[go + 3] != (b & 0x7F) &+ 2 { return true }
                }
                return false
            }
        }
    }
}

/// What the isolation scan needs of a run's topology, worked out once per run (`Run.init`): the
/// world's layout as offsets, and each device's group.
///
/// `Run.broken` judges every state of the unreduced pass. Scanning one device at a time, with
/// the layout decoded from the world on every call, cost 146 instructions a state on N6K7 (one
/// group of six devices). Nearly always no group forbids kernel DMA and no user's DMA goes
/// astray, so the scan now decides each group's state once (a bit per group), and reads the
/// devices' DMA bytes two records at a time and their binding bytes eight at a time, with
/// 8-byte loads, looking at single devices only where a word has a bit set; the offsets come
/// from here, and one comparison of the world's length keeps every read inside it (issue 14).
struct IsolationScan: Sendable {
    let groups: Int
    let devices: Int
    /// Where the world's device records, group front-end bytes and device binding bytes start.
    let deviceBase: Int
    let frontEndBase: Int
    let bindingBase: Int
    /// The shortest world the word-wise reads stay inside: 8 bytes read at the last pair of
    /// device records and at the last group of eight binding bytes.
    let minimumCount: Int
    /// Bit 7 of each binding byte of the last word of them, the one that may end before 8 devices.
    let lastBindingMask: UInt64
    /// Device `d`'s group index.
    let deviceGroup: [Int32]
    /// Device `d`'s group as a bit (`1 << group`); empty when the topology has no device or more
    /// than 64 groups, and the scan goes device by device.
    let groupBit: [UInt64]

    init(_ topology: Topology) {
        groups = topology.groups.count
        devices = topology.devices.count
        deviceBase = World.headerSize + World.recordSize * groups
        frontEndBase = deviceBase + World.recordSize * devices
        bindingBase = frontEndBase + 2 * groups
        minimumCount = max(deviceBase + 4 * devices + 4, bindingBase + (devices + 7) / 8 * 8)
        let last = devices % 8 == 0 ? 8 : devices % 8
        lastBindingMask = 0x8080_8080_8080_8080 >> UInt64(8 * (8 - last))
        deviceGroup = topology.devices.map { Int32($0.group) }
        groupBit = groups > 64 ? [] : topology.devices.map { 1 << UInt64($0.group) }
    }
}

extension World {
    /// `anyIsolationBreach(deviceGroup:)`, read in words (see `IsolationScan`); the two agree
    /// on every world (`Run.broken` asserts it in debug builds, `IsolationScanTests` on random ones).
    @inline(__always)
    func anyIsolationBreach(_ scan: IsolationScan) -> Bool {
        guard Int(deviceBase) == scan.deviceBase, Int(frontEndBase) == scan.frontEndBase, bytes.count >= scan.minimumCount,
              !scan.groupBit.isEmpty else {
            return anyIsolationBreach(deviceGroup: scan.deviceGroup)
        }
        let groups = scan.groups, devices = scan.devices, gb = World.headerSize
        let db = scan.deviceBase, fe = scan.frontEndBase, bb = scan.bindingBase
        return bytes.withUnsafeBufferPointer { p in
            scan.groupBit.withUnsafeBufferPointer { bit in
                // In bounds: every offset read below is under `scan.minimumCount`.
                let raw = UnsafeRawPointer(p.baseAddress!)
                func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
                // Per group: a VFIO user doing DMA through a domain not its own (domain byte
                // 3 + owner, the holder byte owner + 1 in its low bits) is a breach; a group owned
                // by a user or a managed driver (owner byte 2 and up) or off the default domain
                // (byte 1) forbids kernel DMA: its bit in `restricted`.
                var restricted: UInt64 = 0
                for g in 0..<groups {
                    let holder = p[fe &+ 2 &* g], owner = p[gb &+ 4 &* g &+ 1], domain = p[gb &+ 4 &* g &+ 3]
                    if holder & 0x80 != 0, domain != (holder & 0x7F) &+ 2 { return true }
                    if owner >= 2 || domain != 1 { restricted |= 1 &<< UInt64(g) }
                }
                // Kernel DMA (byte 3 of a device record) in a restricted group: two records a word.
                if restricted != 0 {
                    var d = 0
                    while d < devices {
                        let w = word(db &+ 4 &* d)
                        if w & 0xFF00_0000 != 0, restricted & bit[d] != 0 { return true }
                        if d &+ 1 < devices, w & 0xFF00_0000_0000_0000 != 0, restricted & bit[d &+ 1] != 0 { return true }
                        d &+= 2
                    }
                }
                // A device's iommufd context doing DMA (bit 7 of its binding byte) through a domain
                // not its own: eight binding bytes a word, the bytes past the last device masked off.
                var d = 0
                while d < devices {
                    var hits = word(bb &+ d) & (devices &- d > 8 ? 0x8080_8080_8080_8080 : scan.lastBindingMask)
                    while hits != 0 {
                        let i = d &+ hits.trailingZeroBitCount &>> 3
                        let b = p[bb &+ i], g = Int(scan.deviceGroup[i])
                        precondition(g < groups, "device \(i) is in no group of the world")
                        if p[gb &+ 4 &* g &+ 3] != (b & 0x7F) &+ 2 { return true }
                        hits &= hits &- 1
                    }
                    d &+= 8
                }
                return false
            }
        }
    }
}
