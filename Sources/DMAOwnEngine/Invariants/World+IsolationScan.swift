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
    @inline(__always)
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
