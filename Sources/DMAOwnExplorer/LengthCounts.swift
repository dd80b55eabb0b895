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
        if counts.isEmpty || o.counts.isEmpty { return LengthCounts() }
        var out = [ScheduleCount](repeating: 0, count: counts.count + o.counts.count - 1)
        for (b, nb) in o.counts.enumerated() where nb != 0 {
            // C(a+b, b) for a = 0, 1, 2, …: C(a+1+b, b) = C(a+b, b) · (a+b+1) / (a+1), growing in a,
            // so once it saturates it stays saturated.
            var binomial: ScheduleCount = 1
            for (a, na) in counts.enumerated() {
                if a > 0 { binomial = Self.nextBinomial(binomial, a: a - 1, b: b) }
                guard na != 0 else { continue }
                let n = Self.saturatingMultiply(Self.saturatingMultiply(na, nb), binomial)
                out[a + b] = LayeredSearch.saturatingAdd(out[a + b], n)
            }
        }
        return LengthCounts(out)
    }

    /// C(a+1+b, b) from c = C(a+b, b), exactly or saturated. The division is exact; dividing out
    /// gcd(c, a+1) first keeps the intermediate product from overflowing when the result fits.
    static func nextBinomial(_ c: ScheduleCount, a: Int, b: Int) -> ScheduleCount {
        if c == .max { return .max }
        let num = ScheduleCount(a + b + 1), den = ScheduleCount(a + 1)
        let g = gcd(c, den)
        return saturatingMultiply(c / g, num / (den / g))
    }

    static func gcd(_ x: ScheduleCount, _ y: ScheduleCount) -> ScheduleCount {
        var (a, b) = (x, y)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    @inline(__always)
    static func saturatingMultiply(_ a: ScheduleCount, _ b: ScheduleCount) -> ScheduleCount {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        return o ? .max : p
    }
}
