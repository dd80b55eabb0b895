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
    /// e1000e), which waits for group 13 mutex held by thread 1".
    public func describeWaitCycle(_ cycle: [Int], in world: World) -> String {
        var parts: [String] = []
        for (i, t) in cycle.enumerated() {
            guard case .blocked(_, let b) = status(of: t, in: world) else { continue }
            let who = i == 0 ? "thread \(t + 1) (\(line(of: t)))" : "which"
            let holder = cycle[(i + 1) % cycle.count]
            let whom = i + 1 < cycle.count ? "thread \(holder + 1) (\(line(of: holder)))" : "thread \(holder + 1)"
            parts.append("\(who) waits for \(describe(b.lock)) held by \(whom)")
        }
        return parts.joined(separator: ", ")
    }
}
