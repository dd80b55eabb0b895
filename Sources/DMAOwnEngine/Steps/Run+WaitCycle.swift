extension Run {
    /// Blocked threads each waiting for a lock the next one holds, back to the first: the cycle
    /// that makes a deadlock, starting from its lowest thread; nil when the waits form none.
    public func waitCycle(in world: World) -> [Int]? {
        var holderOf: [Int: Int] = [:]
        for t in operations.indices {
            if case .blocked(_, let b) = status(of: t, in: world) { holderOf[t] = b.holder }
        }
        for start in holderOf.keys.sorted() {
            var path = [start], t = start
            while let next = holderOf[t], !path.contains(next) { path.append(next); t = next }
            if let next = holderOf[t], let at = path.firstIndex(of: next) {
                let cycle = Array(path[at...])
                let low = cycle.firstIndex(of: cycle.min()!)!
                return Array(cycle[low...] + cycle[..<low])
            }
        }
        return nil
    }

    /// The cycle in words: "thread 1 (unbind A) waits for device_lock(B) held by thread 2 (bind B
    /// e1000e), which waits for group 13 mutex held by thread 1". `short` leaves out the operation
    /// lines and says T1 for thread 1, for a status line.
    public func describeWaitCycle(_ cycle: [Int], in world: World, short: Bool = false) -> String {
        func name(_ t: Int, line withLine: Bool) -> String {
            short ? "T\(t + 1)" : withLine ? "thread \(t + 1) (\(line(of: t)))" : "thread \(t + 1)"
        }
        var parts: [String] = []
        for (i, t) in cycle.enumerated() {
            guard case .blocked(_, let b) = status(of: t, in: world) else { continue }
            let who = i == 0 ? name(t, line: true) : "which"
            let holder = cycle[(i + 1) % cycle.count]
            parts.append("\(who) waits for \(describe(b.lock)) held by \(name(holder, line: i + 1 < cycle.count))")
        }
        return parts.joined(separator: ", ")
    }
}
