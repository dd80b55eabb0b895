#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory of levels already expanded, handed to the levels still to come.
///
/// A search holds a sliding window of a few levels: each is created when first reached, grows by
/// doubling, and is freed once expanded. Fresh memory for each level cost twice over on the large
/// rows (callgrind with a simulated 512 KB cache, N6K7 unreduced): `realloc` copied every column
/// on each doubling (57 M instructions, a quarter of the pass's cache misses), and each new block
/// came from the kernel as fresh pages, one page fault per 4 KB. A freed level's columns are about
/// the size the next level needs, already grown and already mapped, so the next level takes them
/// as they are (its count starting from zero) and its index is cleared rather than allocated.
///
/// Kept memory counts as held memory: `heapBytes` is added to the search's live bytes, so
/// `--max-memory` sees it.
final class LayerPool {
    /// At most this many freed levels are kept: the window ahead of the level being expanded is
    /// two or three levels deep, and each level reuses one.
    private let limit = 3
    private var columns: [StateLayer.Columns] = []
    private var tables: [(table: UnsafeMutablePointer<UInt64>, size: Int)] = []
    private(set) var heapBytes = 0

    deinit {
        for k in columns { StateLayer.releaseColumns(k) }
        for t in tables { free(t.table) }
    }

    /// The columns of a freed level (the one with the most room), or nil when none is kept.
    func takeColumns() -> StateLayer.Columns? {
        guard let i = columns.indices.max(by: { columns[$0].capacity < columns[$1].capacity }) else { return nil }
        let k = columns.remove(at: i)
        heapBytes -= k.columnBytes
        return k
    }

    /// A freed level's index of at least `size` slots and at most four times that (a far larger
    /// one would spread a small level over more cache than it needs), cleared; nil when none fits.
    func takeTable(size: Int) -> (table: UnsafeMutablePointer<UInt64>, size: Int)? {
        guard let i = tables.firstIndex(where: { $0.size >= size && $0.size <= 4 * size }) else { return nil }
        let t = tables.remove(at: i)
        heapBytes -= t.size * 8
        t.table.update(repeating: 0, count: t.size)
        return t
    }

    /// Keeps a freed level's memory for a later level, or frees it when enough is kept.
    func keep(_ k: StateLayer.Columns) {
        if columns.count < limit {
            columns.append(k)
            heapBytes += k.columnBytes
        } else {
            StateLayer.releaseColumns(k)
        }
        if tables.count < limit {
            tables.append((k.table, k.mask + 1))
            heapBytes += (k.mask + 1) * 8
        } else {
            free(k.table)
        }
    }
}
