/// Raw access to a world's packed bytes, for search code that rewrites a packed world in place.
///
/// The explorer steps each successor into a scratch world of its own and then canonicalises it
/// (`ThreadSymmetry`), hashes it and looks it up straight from that world's storage: copying it
/// into a separate buffer first cost a `memcpy` per transition (issue 14).
extension World {
    /// Calls `body` with this world's bytes, which it may rewrite in place; the result must be a
    /// packed world of the same shape (same topology, same threads).
    ///
    /// `bytes` can only be set in World.swift, so the storage is made unique here by rewriting
    /// the flags byte with its own value (the copy-on-write check any write pays), after which
    /// this world is the storage's only owner and, being `mutating`, has exclusive access to it.
    ///
    /// Inlinable, so the search's closure is inlined and specialised rather than called through
    /// a generic thunk per transition.
    @inlinable
    public mutating func withUnsafeMutableRawBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        flags = flags
        return try bytes.withUnsafeBytes { try body(UnsafeMutableRawBufferPointer(mutating: $0)) }
    }
}
