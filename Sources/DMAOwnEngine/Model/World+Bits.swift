/// Chosen bits of a world's bytes, worked out once for a topology's layout, for the question
/// "is any of them set?" asked eight bytes at a time.
///
/// VFIO's group open (`vfio_group_fops_open`) asks it of every member of the group twice: is a
/// member registered with VFIO (bit 4 of its phase byte), is one bound to an iommufd context
/// (its binding byte). Asked member by member, through a bounds check each, the open cost 158
/// instructions a call on N6K7 (six members), most of it in those two loops; with the members'
/// bits packed into the few 8-byte words that hold them it is a load, a mask and a test per word
/// (issue 14).
struct WorldBits: Sendable {
    /// A word to read: at byte `offset`, the bits of it in `mask` (little-endian: byte `i` of the
    /// word is bits `8 i` to `8 i + 7`).
    struct Word: Sendable {
        let offset: Int
        let mask: UInt64
    }

    let words: [Word]
    /// The layout the offsets are for, checked against each world asked.
    let deviceBase: Int32
    let threadBase: Int32

    /// The bits `mask` of the bytes at `offsets`, in worlds of `topology`'s layout.
    ///
    /// Every word lies inside the world's records before its threads, so a world of this layout
    /// with no thread at all still holds it: a word that would run past them starts earlier.
    init(_ bits: [(offset: Int, mask: UInt8)], in topology: Topology) {
        let layout = World(topology: topology)
        deviceBase = layout.deviceBase
        threadBase = layout.threadBase
        let end = Int(threadBase)
        precondition(end >= 8, "a world of \(end) bytes is too short to read in words")
        var words: [Word] = []
        for bit in bits.sorted(by: { $0.offset < $1.offset }) {
            precondition(bit.offset >= 0 && bit.offset < end, "byte \(bit.offset) is not a record's")
            if let last = words.last, bit.offset < last.offset + 8 {
                words[words.count - 1] = Word(offset: last.offset, mask: last.mask | UInt64(bit.mask) << UInt64(8 * (bit.offset - last.offset)))
            } else {
                let start = min(bit.offset, end - 8)
                words.append(Word(offset: start, mask: UInt64(bit.mask) << UInt64(8 * (bit.offset - start))))
            }
        }
        self.words = words
    }
}

extension World {
    /// Whether any of `bits` is set in this world.
    @inline(__always)
    func anySet(_ bits: WorldBits) -> Bool {
        // Same layout: every word lies before the thread records, which start at `threadBase`.
        precondition(deviceBase == bits.deviceBase && threadBase == bits.threadBase, "a world of another topology")
        return bytes.withUnsafeBytes { p in
            precondition(p.count >= Int(threadBase), "a world shorter than its records")
            return bits.words.withUnsafeBufferPointer { words in
                for w in words where UInt64(littleEndian: p.loadUnaligned(fromByteOffset: w.offset, as: UInt64.self)) & w.mask != 0 {
                    return true
                }
                return false
            }
        }
    }

    /// The offset of device `d`'s phase byte (bit 4: registered with VFIO) in a world with
    /// `groups` groups.
    static func phaseByte(ofDevice d: Int, groups: Int) -> Int { headerSize + recordSize * (groups + d) + 2 }

    /// The offset of device `d`'s iommufd binding byte in a world with `groups` groups and
    /// `devices` devices.
    static func bindingByte(ofDevice d: Int, groups: Int, devices: Int) -> Int { headerSize + recordSize * (groups + devices) + 2 * groups + d }
}
