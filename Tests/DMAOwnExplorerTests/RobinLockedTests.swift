import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Issue 11 item 3: `robin-locked`, Robin's scan taking each sibling's device_lock under
/// group->mutex, inverts the lock order and deadlocks against a sibling's probe (ABBA).
@Suite struct RobinLockedTests {
    static let setup = ["bind 01:00.0 e1000e"], threads = ["unbind 01:00.0", "bind 01:00.1 e1000e"]

    /// lock-order breaks at the scan's first device_lock (A's lock, remove, clear, mutex, lock: 5
    /// steps); the deadlock needs B's bind to hold its lock and reach the mutex as well (4 + 4).
    @Test func unbindScanDeadlocksAgainstASiblingProbe() {
        let e = FidelityFixture.explore(.robinLocked, setup: Self.setup, threads: Self.threads)
        #expect(e.complete)
        #expect(e.broken == [.deadlock, .lockOrder])
        #expect(Set(e.outcomes.map(\.results)) == [["0", "0"], ["deadlocked", "deadlocked"]])
        // One more than the scan's own steps: the unbind's unlocked unbind_store check comes first.
        #expect(FidelityFixture.shortest(e, .lockOrder) == 6)
        #expect(FidelityFixture.shortest(e, .deadlock) == 9)
        let message = e.violations.first { $0.invariant == .deadlock }?.message
        #expect(message == "thread 1 (unbind 0000:01:00.0) waits for device_lock(0000:01:00.1) held by thread 2 (bind 0000:01:00.1 e1000e), which waits for group 7 mutex held by thread 1")
    }

    /// The same race under the lockless scheme cannot deadlock.
    @Test func locklessScanNeverWaits() {
        let e = FidelityFixture.explore(.robin, setup: Self.setup, threads: Self.threads)
        #expect(e.broken.isDisjoint(with: [.deadlock, .lockOrder]))
    }

    /// The wait cycle, read from a deadlocked world: each thread and the lock it waits for.
    @Test func waitCycleNamesBothThreads() {
        var (run, w) = Fixture.start(.robinLocked, setup: Self.setup, threads: Self.threads, topology: FidelityFixture.topology)
        run.step(&w, thread: 1)                                    // B: device_lock(B)
        while run.choices(of: 0, in: w) > 0 { run.step(&w, thread: 0) }   // A up to device_lock(B)
        while run.choices(of: 1, in: w) > 0 { run.step(&w, thread: 1) }   // B up to the mutex
        // The inverted acquire never completes here, so only the deadlock is flagged in this world;
        // lock-order fires in the schedules where the scan does get the sibling's lock.
        #expect(run.broken(in: w) == InvariantSet(.deadlock))
        #expect(run.waitCycle(in: w) == [0, 1])
    }
}
