/// Copies a packed world of `n` bytes from `source` to `target`, inline and without a loop for
/// worlds of up to 128 bytes (every N×K row): the first and the last 16, 32 or 64 bytes, which
/// overlap in the middle, in 16-byte vector moves, as libc's `memcpy` does after its call and
/// dispatch. Every transition starts with one such copy of the expanded state, and every new
/// state is copied into its level so (a call to `memmove` there cost about 40 instructions).
@inline(__always)
func copyWorld(_ target: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ n: Int) {
    @inline(__always) func move(_ at: Int) {
        target.storeBytes(of: source.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self), toByteOffset: at, as: SIMD16<UInt8>.self)
    }
    if n < 16 || n > 128 { target.copyMemory(from: source, byteCount: n); return }
    if n <= 32 { move(0); move(n &- 16); return }
    if n <= 64 { move(0); move(16); move(n &- 32); move(n &- 16); return }
    move(0); move(16); move(32); move(48)
    // Up to 80 bytes one more move will do, as for N6K7's 70-byte world: 5 moves, not 8.
    if n <= 80 { move(n &- 16); return }
    move(n &- 64); move(n &- 48); move(n &- 32); move(n &- 16)
}
