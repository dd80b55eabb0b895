/// Complete interleavings counted by schedule length: `counts[l]` schedules of exactly `l` steps.
///
/// Two independent clusters with schedules of lengths a and b interleave in C(a+b, a) ways, so
/// the schedules of both together are the convolution of their length counts weighted by that
/// binomial. Everything saturates at `ScheduleCount.max` like the explorer's own counts.
struct LengthCounts: Sendable, Equatable {
    var counts: [ScheduleCount]

    init(_ counts: [ScheduleCount] = []) { self.counts = counts }

    /// One schedule of length 0: the neutral element of `interleaved(with:)`.
    static let one = LengthCounts([1])

    /// Adds `n` schedules of length `length`.
    mutating func add(_ n: ScheduleCount, length: Int) {
        if counts.count <= length { counts += [ScheduleCount](repeating: 0, count: length + 1 - counts.count) }
        counts[length] = LayeredSearch.saturatingAdd(counts[length], n)
    }

    /// Adds another vector element by element.
    mutating func add(_ o: LengthCounts) {
        for (l, n) in o.counts.enumerated() where n != 0 { add(n, length: l) }
    }

    /// Every schedule of both, counted by length.
    var total: ScheduleCount { counts.reduce(0, LayeredSearch.saturatingAdd) }

    /// The schedules of two independent clusters interleaved in every way: for lengths a and b,
    /// `self[a] · o[b] · C(a+b, a)` schedules of length a+b.
    func interleaved(with o: LengthCounts) -> LengthCounts {
        interleaved(with: o, binomials: Binomials(upTo: max(0, counts.count + o.counts.count - 2), kMax: max(0, o.counts.count - 1)))
    }

    /// `interleaved(with:)` with the binomials worked out already (`combinedOutcomes` interleaves
    /// thousands of combinations with one table): `binomials` must reach n = a+b and k = b for
    /// every length a here and b of `o`.
    func interleaved(with o: LengthCounts, binomials: Binomials) -> LengthCounts {
        if counts.isEmpty || o.counts.isEmpty { return LengthCounts() }
        var out = [ScheduleCount](repeating: 0, count: counts.count + o.counts.count - 1)
        for (b, nb) in o.counts.enumerated() where nb != 0 {
            for (a, na) in counts.enumerated() where na != 0 {
                let n = Self.saturatingMultiply(Self.saturatingMultiply(na, nb), binomials(a + b, b))
                out[a + b] = LayeredSearch.saturatingAdd(out[a + b], n)
            }
        }
        return LengthCounts(out)
    }

    @inline(__always)
    static func saturatingMultiply(_ a: ScheduleCount, _ b: ScheduleCount) -> ScheduleCount {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        return o ? .max : p
    }
}

/// C(n, k) for n up to `top` and k up to `kMax`, from Pascal's triangle by saturating additions:
/// C(n, k) = C(n−1, k−1) + C(n−1, k). Both addends are at most the sum, so a binomial that fits
/// 128 bits is exact and one that does not is saturated, as the counts are. Worked out once per
/// listing, not per pair of lengths: a multiply and an exact division per binomial (after a gcd
/// of 128-bit numbers) were most of the 0.06 s it took to list twelve groups' 4,096 outcomes.
/// Only the columns up to `kMax` (one cluster's longest schedule) are kept: a listing of many
/// clusters reaches a large n, and a whole triangle grows as its square.
struct Binomials {
    /// Row-major, `kMax + 1` entries a row; 0 where k > n.
    private var table: [ScheduleCount]
    private let width: Int

    init(upTo top: Int, kMax: Int) {
        width = kMax + 1
        table = [ScheduleCount](repeating: 0, count: (top + 1) * width)
        table[0] = 1
        for n in stride(from: 1, through: top, by: 1) {
            let row = n * width, above = row - width
            table[row] = 1
            for k in stride(from: 1, through: min(n, kMax), by: 1) {
                table[row + k] = LayeredSearch.saturatingAdd(table[above + k - 1], table[above + k])
            }
        }
    }

    func callAsFunction(_ n: Int, _ k: Int) -> ScheduleCount { table[n * width + k] }
}
