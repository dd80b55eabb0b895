import DMAOwnEngine

/// Picks, at one state, a persistent set of threads: a set whose next steps no sequence of other
/// steps can interfere with, so expanding only those reaches every terminal state (and, with the
/// DMA rule of `Footprints.Mask`, every isolation breach) the full graph reaches.
///
/// Condition checked: every next step of the chosen enabled threads E is independent of every step
/// that may still run without E moving first: the rest of each other enabled thread's program,
/// and of each blocked thread whose lock holder may itself move (a thread blocked on a lock held
/// by a member of E stays blocked until E moves). The state graph is acyclic, so no cycle proviso
/// is needed: a deferred step stays enabled until it runs, and every path ends.
struct PersistentSet {
    let footprints: Footprints

    /// The threads to expand; `enabled`/`blocked` are bit masks, `holder[t]` the thread holding
    /// blocked `t`'s lock, `pc[t]` each thread's program counter.
    func choose(enabled: UInt32, blocked: UInt32, holder: UnsafePointer<Int>, pc: UnsafePointer<Int>) -> UInt32 {
        if enabled & (enabled &- 1) == 0 { return enabled }
        var best = enabled
        var candidates = enabled
        while candidates != 0 {
            let u = candidates.trailingZeroBitCount
            candidates &= candidates &- 1
            let e = closure(from: u, enabled: enabled, blocked: blocked, holder: holder, pc: pc)
            if e.nonzeroBitCount < best.nonzeroBitCount {
                best = e
                if best.nonzeroBitCount == 1 { break }
            }
        }
        return best
    }

    /// The smallest set containing `u` that the condition accepts, grown one conflict at a time.
    private func closure(from u: Int, enabled: UInt32, blocked: UInt32, holder: UnsafePointer<Int>, pc: UnsafePointer<Int>) -> UInt32 {
        var e = UInt32(1) << UInt32(u)
        while e != enabled {
            var active = enabled & ~e
            var changed = true
            while changed {
                changed = false
                var waiting = blocked & ~active
                while waiting != 0 {
                    let v = waiting.trailingZeroBitCount
                    waiting &= waiting &- 1
                    let h = holder[v]
                    // A holder that is no thread of this run never moves; treat the waiter as able to move anyway.
                    if h < 0 || h >= 32 || active & (1 << UInt32(h)) != 0 { active |= 1 << UInt32(v); changed = true }
                }
            }
            var next = Footprints.Mask.none
            var members = e
            while members != 0 {
                let t = members.trailingZeroBitCount
                members &= members &- 1
                next = next.union(footprints.current[t][pc[t]])
            }
            var conflict = -1
            var others = active
            while others != 0 {
                let v = others.trailingZeroBitCount
                others &= others &- 1
                if next.conflicts(with: footprints.future[v][pc[v]]) { conflict = v; break }
            }
            if conflict < 0 { return e }
            // Follow the chain of lock holders to the enabled thread that must move first.
            var h = conflict
            var hops = 0
            while h >= 0 && h < 32 && enabled & (1 << UInt32(h)) == 0 && blocked & (1 << UInt32(h)) != 0 && hops < 32 {
                h = holder[h]; hops += 1
            }
            guard h >= 0 && h < 32 && enabled & (1 << UInt32(h)) != 0 else { return enabled }
            e |= 1 << UInt32(h)
        }
        return e
    }
}
