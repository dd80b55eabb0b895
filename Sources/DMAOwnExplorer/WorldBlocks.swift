/// How many 16-byte blocks come before a packed world's last one, as a type, so that the
/// lookups of one search can be compiled for its worlds' length.
///
/// `StateHash.hash` and the comparison in `StateLayer.reach` read a world as 16-byte blocks at 0,
/// 16, … and a last, overlapping block ending at its end. Their number is fixed for a search
/// (every world of a run has one length), but read from the length it cost a jump through a
/// table on every hash and every comparison, and set-up code the optimiser hoisted into every
/// lookup. `LayeredSearch.lookUp` is generic over this protocol and called through one switch
/// per state, so each specialisation runs a straight sequence of blocks.
protocol WorldBlocks {
    /// The blocks before the last one (`worldBlocks(length:)`).
    static var before: Int { get }
}

/// The blocks before the last one in a world of `n` bytes: -1 when it is shorter than one block
/// (read byte by byte), 8 standing for 8 or more (read in a loop).
@inline(__always)
func worldBlocks(length n: Int) -> Int { n < 16 ? -1 : min((n &- 1) &>> 4, 8) }

enum WorldBlocksShort: WorldBlocks { static var before: Int { -1 } }
enum WorldBlocks0: WorldBlocks { static var before: Int { 0 } }
enum WorldBlocks1: WorldBlocks { static var before: Int { 1 } }
enum WorldBlocks2: WorldBlocks { static var before: Int { 2 } }
enum WorldBlocks3: WorldBlocks { static var before: Int { 3 } }
enum WorldBlocks4: WorldBlocks { static var before: Int { 4 } }
enum WorldBlocks5: WorldBlocks { static var before: Int { 5 } }
enum WorldBlocks6: WorldBlocks { static var before: Int { 6 } }
enum WorldBlocks7: WorldBlocks { static var before: Int { 7 } }
enum WorldBlocksLong: WorldBlocks { static var before: Int { 8 } }
