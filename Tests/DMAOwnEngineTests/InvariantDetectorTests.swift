import Testing
import DMAOwnEngine

/// Every invariant detector on worlds built by hand, under every scheme: one world where it must
/// fire (with its message) and a near-identical one where it must stay silent.
///
/// Running schedules only shows a detector firing where some scenario happens to reach it; a
/// detector that always answers nil (`staleOwnership`), or forgets one of its conditions
/// (`|| domain != .default` in the isolation check), passes every scenario that never depends on
/// it. Hand-built worlds name the condition and flip only the bytes that decide it.
@Suite struct InvariantDetectorTests {
    @Test(arguments: Invariant.allCases, SchemeID.allCases)
    func detectorFiresAndStaysSilent(invariant: Invariant, scheme: SchemeID) throws {
        let make = try #require(DetectorCases.table[invariant],
                                "no hand-built detector cases for '\(invariant.rawValue)': add them to DetectorCases.table")
        let cases = make(scheme)
        if let reason = DetectorCases.notApplicable[invariant]?[scheme] {
            #expect(cases.isEmpty, "'\(invariant.rawValue)' is listed as not applying to \(scheme.rawValue) (\(reason)) but has cases")
            return
        }
        #expect(!cases.isEmpty, "no case for '\(invariant.rawValue)' under \(scheme.rawValue)")
        for c in cases {
            #expect(c.run.broken(in: c.fires).contains(InvariantSet(invariant)), "\(c.name): did not fire")
            let message = c.run.violations(in: c.fires).first { $0.invariant == invariant }?.message
            #expect(message == c.message, "\(c.name)")
            #expect(!c.run.broken(in: c.silent).contains(InvariantSet(invariant)), "\(c.name): fired on the silent world")
            #expect(!c.run.violations(in: c.silent).contains { $0.invariant == invariant }, "\(c.name)")
            // Near-identical: the same shape, a few bytes apart.
            #expect(c.fires.bytes.count == c.silent.bytes.count, "\(c.name)")
            let differing = zip(c.fires.bytes, c.silent.bytes).filter { $0 != $1 }.count
            #expect((1...3).contains(differing), "\(c.name): the worlds differ in \(differing) bytes")
        }
    }

    /// Where an invariant does not apply, the other schemes' firing worlds stay silent under it.
    @Test func staleOwnerIsNeverJudgedUnderTheNotifier() throws {
        let notifier = Schemes.scheme(.notifier)
        let cases = DetectorCases.staleOwner(.merged) + DetectorCases.staleOwner(.robin)
        #expect(cases.count >= 5)
        for c in cases {
            #expect(!c.run.switching(to: notifier).broken(in: c.fires).contains(InvariantSet(.staleOwner)), "\(c.name)")
        }
    }

    /// Every invariant the engine defines has a row, and every listed exception names a reason.
    @Test func everyInvariantHasCases() {
        #expect(Set(DetectorCases.table.keys) == Set(Invariant.allCases))
        for (invariant, schemes) in DetectorCases.notApplicable {
            #expect(schemes.count < SchemeID.allCases.count, "'\(invariant.rawValue)' applies to no scheme")
            #expect(schemes.values.allSatisfy { !$0.isEmpty })
        }
    }

    /// A crashed machine is finished: `BUG_ON` is reported, a blocked thread and a stale count are not.
    @Test(arguments: SchemeID.allCases)
    func bugOnHidesTheJudgementsOfAFinishedMachine(scheme: SchemeID) throws {
        let c = try #require(DetectorCases.deadlock(scheme).first)
        var w = c.fires
        w[group: 0].ownerCount = 3
        w.flags.insert(.bugOn)
        #expect(c.run.broken(in: w) == InvariantSet(.bugOn))
        #expect(c.run.violations(in: w).map(\.invariant) == [.bugOn])
    }

    /// The setter behind `lock-order`: taking a `device_lock` sets the sticky flag only while the
    /// thread holds its group's mutex (one step from a hand-built world).
    @Test(arguments: SchemeID.allCases)
    func takingADeviceLockUnderTheGroupMutexSetsLockOrder(scheme: SchemeID) throws {
        let run = DetectorCases.run(scheme, ["bind \(Fixture.b) e1000e"])
        var held = run.start(from: World(topology: Fixture.topology))
        #expect(run.currentStep(of: 0, in: held)?.acquires == .deviceLock)
        var free = held
        held[group: 0].mutexHolder = 0
        run.step(&held, thread: 0)
        run.step(&free, thread: 0)
        #expect(held.flags.contains(.lockOrder))
        #expect(!free.flags.contains(.lockOrder))
        #expect(run.broken(in: held).contains(InvariantSet(.lockOrder)))
        #expect(!run.broken(in: free).contains(InvariantSet(.lockOrder)))
    }

    /// A thread blocked only behind a user who has not let go (vfio-pci's `remove()`) is no
    /// deadlock: the user can always close its file descriptors.
    @Test(arguments: [SchemeID.v6, .merged, .iommufd])
    func waitingForAUserIsNoDeadlock(scheme: SchemeID) throws {
        let run = DetectorCases.run(scheme, ["unbind \(Fixture.a)"])
        var w = run.start(from: World(topology: Fixture.topology))
        DetectorCases.bound(&w, DetectorCases.a, DetectorCases.vfio)
        w[device: DetectorCases.a].lockHolder = 0
        w[holders: 0] = .init(vfioUser: DetectorCases.qemu, userDMA: true)
        DetectorCases.owned(&w, .user(DetectorCases.qemu), count: 1, domain: .user(DetectorCases.qemu))
        let wait = try #require(run.programs[0].steps.firstIndex { $0.acquires == .userLetGo }, "unbind of a VFIO device waits for its user")
        w.setPC(ofThread: 0, wait)
        guard case .blocked(_, let b) = run.status(of: 0, in: w) else { Issue.record("\(run.status(of: 0, in: w))"); return }
        #expect(b.waitsForUser)
        #expect(run.isWaitingOnUsers(w))
        #expect(!run.broken(in: w).contains(InvariantSet(.deadlock)))
        // Once the user lets go, the same thread can move.
        var letGo = w
        letGo[holders: 0] = .init()
        #expect(run.choices(of: 0, in: letGo) > 0)
    }
}

/// One invariant under one scheme: a world where it fires with `message`, and one where it does not.
struct DetectorCase {
    let name: String
    let run: Run
    let fires: World
    let silent: World
    let message: String
}

/// The hand-built worlds, on `Fixture.topology` (group 7 = {A, B}; drivers vfio-pci, e1000e, …;
/// owners qemu, ctx2). A new invariant without a row here fails `everyInvariantHasCases` and
/// every `detectorFiresAndStaysSilent` case of it.
enum DetectorCases {
    static let table: [Invariant: @Sendable (SchemeID) -> [DetectorCase]] = [
        .isolation: isolation, .bugOn: bugOn, .staleOwner: staleOwner, .warn: warn, .deadlock: deadlock, .lockOrder: lockOrder,
    ]

    /// Pairs that cannot be judged, and why.
    static let notApplicable: [Invariant: [SchemeID: String]] = [
        .staleOwner: [.notifier: "the notifier scheme keeps no ownership that could go stale"],
    ]

    static let vfio = 0, e1000e = 1, qemu = 0, a = 0, b = 1

    static func run(_ scheme: SchemeID, _ threads: [String] = []) -> Run {
        Run(topology: Fixture.topology, scheme: Schemes.scheme(scheme), operations: threads.map { Fixture.op($0) })
    }

    /// A world with no threads (so every operation is finished), changed by `edit`.
    static func world(_ run: Run, _ edit: (inout World) -> Void) -> World {
        var w = run.start(from: World(topology: Fixture.topology))
        edit(&w)
        return w
    }

    static func pair(_ name: String, _ run: Run, message: String,
                     base: (inout World) -> Void, fires: (inout World) -> Void, silent: (inout World) -> Void) -> DetectorCase {
        let w = world(run, base)
        var f = w, s = w
        fires(&f); silent(&s)
        return DetectorCase(name: name, run: run, fires: f, silent: s, message: message)
    }

    /// e1000e bound on B and doing DMA.
    static func kernelDMA(_ w: inout World) { bound(&w, b, e1000e); w[device: b].doingDMA = true }

    /// Device `d` bound to driver `drv` (not doing DMA).
    static func bound(_ w: inout World, _ d: Int, _ drv: Int) { w[device: d].driver = drv; w[device: d].phase = .bound }

    /// Group 7 owned by `owner` with `count` and `domain` (the mutex free).
    static func owned(_ w: inout World, _ owner: OwnerToken, count: Int, domain: Domain) {
        w[group: 0].owner = owner; w[group: 0].ownerCount = count; w[group: 0].domain = domain
    }

    static func isolation(_ scheme: SchemeID) -> [DetectorCase] {
        let r = run(scheme)
        let restricted: Domain = scheme == .v6 ? .none : .blocking
        return [
            pair("kernel DMA in a user-owned group", r, message: "e1000e on 0000:01:00.1 is doing DMA while group 7 is owned by qemu",
                 base: { kernelDMA(&$0); $0[group: 0].ownerCount = 1; $0[group: 0].domain = .user(qemu) },
                 fires: { $0[group: 0].owner = .user(qemu) }, silent: { $0[group: 0].owner = .none; $0[group: 0].domain = .default }),
            pair("kernel DMA with no owner but a restricted domain", r,
                 message: "e1000e on 0000:01:00.1 is doing DMA while group 7's domain is \(Fixture.topology.describeDomain(restricted))",
                 base: kernelDMA, fires: { $0[group: 0].domain = restricted }, silent: { $0[group: 0].domain = .default }),
            pair("a VFIO user's DMA through another domain", r,
                 message: "qemu is doing DMA through group 7, whose attached domain is default, not its own",
                 base: { $0[holders: 0] = .init(vfioUser: qemu, userDMA: true) },
                 fires: { $0[group: 0].domain = .default }, silent: { $0[group: 0].domain = .user(qemu) }),
            pair("an iommufd context's DMA through another domain", r,
                 message: "qemu is doing DMA through group 7, whose attached domain is blocking, not its own",
                 base: { $0[binding: a] = .init(context: qemu, userDMA: true) },
                 fires: { $0[group: 0].domain = .blocking }, silent: { $0[group: 0].domain = .user(qemu) }),
        ]
    }

    static func bugOn(_ scheme: SchemeID) -> [DetectorCase] {
        [pair("the BUG_ON flag", run(scheme), message: "vfio_iommu_group_notifier hit BUG_ON: a non-viable driver bound in a group with container users",
              base: { _ in }, fires: { $0.flags.insert(.bugOn) }, silent: { _ in })]
    }

    static func staleOwner(_ scheme: SchemeID) -> [DetectorCase] {
        switch scheme {
        case .notifier:
            return []
        case .v6, .merged, .iommufd:
            let r = run(scheme), pending = run(scheme, ["unbind \(Fixture.b)"])
            return [
                pair("a count with no DMA-API driver bound", r, message: "group 7 has owner_cnt 1 but 0 DMA-API drivers are bound",
                     base: { _ in }, fires: { $0[group: 0].ownerCount = 1 }, silent: { _ in }),
                pair("a count short of the bound DMA-API driver", r, message: "group 7 has owner_cnt 0 but 1 DMA-API driver is bound",
                     base: kernelDMA,
                     fires: { _ in }, silent: { $0[group: 0].ownerCount = 1 }),
                pair("a user owner no front end holds", r,
                     message: "group 7 is owned by qemu (owner_cnt 1) but no user holds it: no VFIO container, no bound iommufd device, no in-kernel claim",
                     base: { owned(&$0, .user(qemu), count: 1, domain: .user(qemu)) },
                     fires: { _ in }, silent: { $0[holders: 0] = .init(vfioUser: qemu) }),
                pair("a user owner with owner_cnt 0", r, message: "group 7 is owned by qemu with owner_cnt 0",
                     base: { owned(&$0, .user(qemu), count: 0, domain: .user(qemu)); $0[holders: 0] = .init(vfioUser: qemu) },
                     fires: { _ in }, silent: { $0[group: 0].ownerCount = 1 }),
                // Judged only once every operation has finished.
                pair("a stale count while an operation is still running", pending, message: "group 7 has owner_cnt 1 but 0 DMA-API drivers are bound",
                     base: { $0[group: 0].ownerCount = 1 }, fires: { $0.finish(thread: 0, result: .ok) }, silent: { _ in }),
            ]
        case .robin, .robinLocked:
            let r = run(scheme)
            return [
                pair("the DMA-API token with no DMA-API driver bound", r, message: "group 7 is owned by the kernel DMA API but no DMA-API driver is bound",
                     base: { $0[group: 0].owner = .dmaAPI }, fires: { _ in }, silent: kernelDMA),
                pair("a managed driver's token with no device bound to it", r, message: "group 7 is owned by vfio-pci but no device is bound to it",
                     base: { $0[group: 0].owner = .driver(vfio) }, fires: { _ in },
                     silent: { bound(&$0, a, vfio) }),
                pair("no owner while a DMA-API driver is bound", r, message: "group 7 is unowned but 1 DMA-API driver is bound",
                     base: kernelDMA, fires: { _ in }, silent: { $0[group: 0].owner = .dmaAPI }),
            ]
        }
    }

    static func warn(_ scheme: SchemeID) -> [DetectorCase] {
        WarnSite.allCases.map { site in
            pair("WARN_ON at \(site)", run(scheme), message: "WARN_ON fired in \(site.kernelLine)",
                 base: { _ in }, fires: { $0.warn(site) }, silent: { _ in })
        }
    }

    /// DeadlockVerdictTests' stuck world: a finished thread still holds the device lock the other waits for.
    static func deadlock(_ scheme: SchemeID) -> [DetectorCase] {
        let r = run(scheme, ["bind \(Fixture.a) vfio-pci", "bind \(Fixture.a) e1000e"])
        return [pair("a wait on a finished lock holder", r,
                     message: "thread 2 (bind 0000:01:00.0 e1000e) waits for device_lock(0000:01:00.0) held by thread 1",
                     base: { $0.finish(thread: 0, result: .ok) }, fires: { $0[device: a].lockHolder = 0 }, silent: { _ in })]
    }

    static func lockOrder(_ scheme: SchemeID) -> [DetectorCase] {
        [pair("the lock-order flag", run(scheme), message: "a device_lock was taken while holding a group->mutex",
              base: { _ in }, fires: { $0.flags.insert(.lockOrder) }, silent: { _ in })]
    }
}
