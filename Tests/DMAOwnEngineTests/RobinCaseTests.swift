import Testing
import DMAOwnEngine

/// Where the sibling's own thread is when the unbinding thread scans.
enum SiblingStop: Sendable {
    /// The sibling has no thread; its state comes from setup.
    case none
    /// Mid-bind: `dev->driver` set, next step pinctrl (claim not yet run).
    case midBind
    /// Mid-unbind: `dev->driver` already NULL, its own scan still to come.
    case midUnbind
    /// Mid-bind past its claim: next step `probe()`.
    case probing
}

/// One constructed schedule for one of Robin's case labels (Robin's case analysis of 23 Feb 2022).
struct RobinCase: Sendable, CustomTestStringConvertible {
    var label: String
    var setup: [String]
    /// The sibling B's thread (thread 2), if it has one.
    var sibling: String?
    var stop: SiblingStop
    /// A user-owned group needs a third device on vfio-pci when A and B are not VFIO devices: a
    /// vfio-pci A would wait in remove() for its user before any scan (DOMAIN §3.1).
    var topology: Topology = Fixture.topology
    var testDescription: String { "\(label) (\(stop))" }
}

/// Robin's case analysis as live labels: thread 1 unbinds A and holds the group mutex at its release
/// scan while sibling B is in the case under test.
@Suite struct RobinCaseTests {
    static let cases: [RobinCase] = [
        RobinCase(label: "1.a", setup: ["bind 01:00.0 e1000e", "bind 01:00.1 e1000e"], sibling: nil, stop: .none),
        RobinCase(label: "1.b", setup: ["bind 01:00.0 pci-stub", "bind 01:00.1 vfio-pci", "claim 7 qemu"], sibling: nil, stop: .none),
        RobinCase(label: "1.c", setup: ["bind 01:00.0 e1000e", "bind 01:00.1 pci-stub"], sibling: nil, stop: .none),
        RobinCase(label: "2.a.i", setup: ["bind 01:00.0 e1000e"], sibling: "bind 01:00.1 e1000e", stop: .midBind),
        RobinCase(label: "2.a.ii", setup: ["bind 01:00.0 pci-stub", "bind 01:00.2 vfio-pci", "claim 7 ctx1"], sibling: "bind 01:00.1 e1000e",
                  stop: .midBind, topology: Fixture.triple),
        RobinCase(label: "1.a", setup: ["bind 01:00.0 e1000e"], sibling: "bind 01:00.1 e1000e", stop: .probing),
        RobinCase(label: "2.b", setup: ["bind 01:00.0 e1000e"], sibling: "bind 01:00.1 pci-stub", stop: .midBind),
        RobinCase(label: "3", setup: ["bind 01:00.0 e1000e"], sibling: nil, stop: .none),
        RobinCase(label: "4.a.i", setup: ["bind 01:00.0 e1000e", "bind 01:00.1 e1000e"], sibling: "unbind 01:00.1", stop: .midUnbind),
        RobinCase(label: "4.a.ii", setup: ["bind 01:00.0 e1000e", "bind 01:00.1 pci-stub"], sibling: "unbind 01:00.1", stop: .midUnbind),
        RobinCase(label: "4.b", setup: ["bind 01:00.0 pci-stub", "bind 01:00.1 pci-stub", "bind 01:00.2 vfio-pci", "claim 7 ctx1"],
                  sibling: "unbind 01:00.1", stop: .midUnbind, topology: Fixture.triple),
    ]

    /// Steps thread `t` to its release scan: the mutex is held and the scan is the next step.
    static func toScan(_ t: Int, _ run: Run, _ w: inout World) -> Bool {
        Fixture.advance(t, run, &w) { $0.role == .releaseScan }
    }

    @Test(arguments: cases)
    func label(_ c: RobinCase) throws {
        var (run, w) = Fixture.start(.robin, setup: c.setup, threads: ["unbind 01:00.0"] + (c.sibling.map { [$0] } ?? []), topology: c.topology)
        switch c.stop {
        case .none: break
        case .midBind: #expect(Fixture.advance(1, run, &w, toFunction: "pinctrl_bind_pins"))
        case .midUnbind: #expect(Fixture.advance(1, run, &w) { $0.acquires == .groupMutex })
        case .probing: #expect(Fixture.advance(1, run, &w) { $0.failPoint == .probe })
        }
        #expect(run.scheme.annotations(in: w, run: run).isEmpty, "no label before anyone scans")
        #expect(Self.toScan(0, run, &w))
        #expect(w[group: 0].mutexHolder == 0)
        let note = try #require(run.scheme.annotations(in: w, run: run)[1])
        #expect(note.label == c.label)
        #expect(note.thread == 0)
        #expect(!note.explanation.isEmpty)
        #expect(run.scheme.annotations(in: w, run: run)[0] == nil, "the scanning device is not its own sibling")
        run.step(&w, thread: 0)
        #expect(run.scheme.annotations(in: w, run: run).isEmpty, "labels vanish once the scan is done")
    }

    /// The known hole: the scan keeps DMA-API ownership for a mid-bind sibling whose bind then
    /// fails at pinctrl, so the group stays DMA-API owned with no kernel user and VFIO is refused.
    @Test func staleOwnerHole() throws {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 e1000e"], threads: ["unbind 01:00.0", "bind 01:00.1 flaky"])
        #expect(Fixture.advance(1, run, &w, toFunction: "pinctrl_bind_pins"))
        #expect(Self.toScan(0, run, &w))
        #expect(run.scheme.annotations(in: w, run: run)[1]?.label == "2.a.i")
        Fixture.finish(0, run, &w)
        #expect(w[group: 0].owner == .dmaAPI, "the scan kept ownership for B")
        #expect(run.status(of: 1, in: w) == .runnable(pc: 3, canFail: true))
        run.step(&w, thread: 1, fail: true)
        Fixture.finish(1, run, &w)
        #expect(Fixture.results(run, w) == ["0", "-EINVAL"])
        #expect(w[device: 1].driver == nil)
        #expect(run.broken(in: w) == InvariantSet(.staleOwner))
        #expect(run.violations(in: w).map(\.description) == ["stale-owner: group 7 is owned by the kernel DMA API but no DMA-API driver is bound"])
        // A later VFIO claim is refused for good.
        let later = Run.runSequentially([Fixture.op("bind 01:00.0 vfio-pci"), Fixture.op("claim 7 qemu")],
                                        topology: run.topology, scheme: run.scheme, from: w)
        #expect(later == .failure(.failed(index: 1, result: .EBUSY)))
    }

    /// The same schedule under the merged scheme leaves nothing stale: the count was never taken.
    @Test func mergedHasNoHole() {
        var (run, w) = Fixture.start(.merged, setup: ["bind 01:00.0 e1000e"], threads: ["unbind 01:00.0", "bind 01:00.1 flaky"])
        #expect(Fixture.advance(1, run, &w, toFunction: "pinctrl_bind_pins"))
        Fixture.finish(0, run, &w)
        run.step(&w, thread: 1, fail: true)
        Fixture.finish(1, run, &w)
        #expect(Fixture.results(run, w) == ["0", "-EINVAL"])
        #expect(Fixture.group(w) == .init(owner: .none, count: 0, domain: .default))
        #expect(run.broken(in: w).isEmpty)
    }

    /// Robin's cases assume an owned group; when a managed driver's unbind scans an unowned group the
    /// 2.a.ii and 4.b explanations must not claim a user owns it.
    @Test(arguments: [("bind 01:00.1 e1000e", SiblingStop.midBind, "2.a.ii"), ("unbind 01:00.1", .midUnbind, "4.b")])
    func unownedGroupIsNotCalledUserOwned(_ sibling: String, _ stop: SiblingStop, _ label: String) throws {
        let setup = ["bind 01:00.0 pci-stub"] + (stop == .midUnbind ? ["bind 01:00.1 pci-stub"] : [])
        var (run, w) = Fixture.start(.robin, setup: setup, threads: ["unbind 01:00.0", sibling])
        if stop == .midBind {
            #expect(Fixture.advance(1, run, &w, toFunction: "pinctrl_bind_pins"))
        } else {
            #expect(Fixture.advance(1, run, &w) { $0.acquires == .groupMutex })
        }
        #expect(Self.toScan(0, run, &w))
        #expect(w[group: 0].owner == OwnerToken.none)
        let note = try #require(run.scheme.annotations(in: w, run: run)[1])
        #expect(note.label == label)
        #expect(note.explanation.contains("unowned"))
        #expect(!note.explanation.contains("user-owned"))
    }

    /// A sibling whose bind failed at pinctrl is at its unwind step with dev->driver still set: it
    /// never claimed, so it is case 2.a.i and the explanation names the hole, not "already claimed".
    @Test func failingMidBindSiblingIsTheHoleNotAClaim() throws {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 e1000e"], threads: ["unbind 01:00.0", "bind 01:00.1 flaky"])
        #expect(Fixture.advance(1, run, &w) { $0.failPoint == .pinctrl })
        run.step(&w, thread: 1, fail: true)
        #expect(w[device: 1].driver != nil, "the unwind step has not cleared dev->driver yet")
        #expect(Self.toScan(0, run, &w))
        let note = try #require(run.scheme.annotations(in: w, run: run)[1])
        #expect(note.label == "2.a.i")
        #expect(note.explanation.contains("stale-owner hole"))
    }

    /// The case is read from the thread holding the sibling's device_lock, not from the first
    /// unfinished operation naming the device: a later bind blocked on that lock changes nothing.
    @Test func caseFollowsTheThreadHoldingTheSiblingsLock() throws {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 e1000e"],
                                     threads: ["unbind 01:00.0", "bind 01:00.1 e1000e", "bind 01:00.1 e1000e"])
        #expect(Fixture.advance(2, run, &w) { $0.failPoint == .probe }, "thread 3 is past its claim")
        guard case .blocked(_, let b) = run.status(of: 1, in: w) else { Issue.record("thread 2 should wait for the device lock"); return }
        #expect(b.lock == .device(1) && b.holder == 2)
        #expect(Self.toScan(0, run, &w))
        #expect(run.scheme.annotations(in: w, run: run)[1]?.label == "1.a")
    }

    /// Case 4 is a sibling whose own scan is still to come; once it has scanned and only waits to
    /// drop its device_lock it is no longer mid-unbind in Robin's sense.
    @Test func siblingWhoseScanIsDoneIsCase3() throws {
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 e1000e", "bind 01:00.1 e1000e"],
                                     threads: ["unbind 01:00.0", "unbind 01:00.1"])
        #expect(Fixture.advance(1, run, &w) { $0.role == .releaseScan })
        run.step(&w, thread: 1)
        #expect(w[device: 1].lockHolder == 1 && w[device: 1].phase == .removing)
        #expect(Self.toScan(0, run, &w))
        let note = try #require(run.scheme.annotations(in: w, run: run)[1])
        #expect(note.label == "3")
        #expect(note.explanation.contains("already done"))
    }
}

/// The label shown during a scan is what the scan then does for that sibling: a case that keeps
/// (its token is the owner) keeps the group owned; when no sibling keeps, the owner is cleared.
/// The scan's explanation names the same case and action for every sibling.
@Suite struct RobinCaseActionTests {
    @Test(arguments: RobinCaseTests.cases)
    func labelAndActionAgree(_ c: RobinCase) throws {
        var (run, w) = Fixture.start(.robin, setup: c.setup, threads: ["unbind 01:00.0"] + (c.sibling.map { [$0] } ?? []), topology: c.topology)
        switch c.stop {
        case .none: break
        case .midBind: #expect(Fixture.advance(1, run, &w, toFunction: "pinctrl_bind_pins"))
        case .midUnbind: #expect(Fixture.advance(1, run, &w) { $0.acquires == .groupMutex })
        case .probing: #expect(Fixture.advance(1, run, &w) { $0.failPoint == .probe })
        }
        #expect(RobinCaseTests.toScan(0, run, &w))
        let cases = run.scheme.releaseScanCases(byThread: 0, in: w, run: run)
        let labels = run.scheme.annotations(in: w, run: run)
        #expect(cases.map(\.device) == Array(1..<c.topology.devices.count), "every sibling, and only the siblings")
        #expect(!cases.isEmpty, "the loop below checks something")
        for sc in cases { #expect(labels[sc.device]?.label == sc.label && labels[sc.device]?.explanation == sc.explanation) }
        let keepingLabels: Set<String> = ["1.a", "1.b", "2.a.i"]
        for sc in cases where sc.keeps { #expect(keepingLabels.contains(sc.label) || sc.label == "2.b", "\(sc.label) keeps") }
        for sc in cases where ["1.c", "2.a.ii", "3", "4.a.i", "4.a.ii", "4.b"].contains(sc.label) { #expect(!sc.keeps, "\(sc.label) never keeps") }

        let before = w
        let text = try #require(run.stepExplained(&w, thread: 0))
        #expect(!cases.isEmpty, "the loop below checks something")
        for sc in cases {
            #expect(text.contains("\(run.topology.devices[sc.device].name) is case \(sc.label) (\(sc.explanation)) → \(sc.action)"), "\(text)")
        }
        let owner = before[group: 0].owner
        if cases.contains(where: \.keeps) {
            #expect(w[group: 0].owner == owner, "a sibling kept it: \(text)")
        } else {
            #expect(w[group: 0].owner == .none, "nobody kept it: \(text)")
        }
        #expect(w[group: 0].domain == before[group: 0].domain, "the scan touches no domain")
    }
}

/// With CONFIG_DEBUG_TEST_DRIVER_REMOVE a bind clears dev->driver between its two probes: a scan
/// then finds the sibling unbound (case 3, no effect), and names why.
@Suite struct RobinTestRemoveCaseTests {
    @Test func siblingBetweenTestRemoveAndReprobeIsCase3() throws {
        var topo = Fixture.topology
        topo.kernel = KernelConfig(testRemove: .v5_19)
        var (run, w) = Fixture.start(.robin, setup: ["bind 01:00.0 e1000e"], threads: ["unbind 01:00.0", "bind 01:00.1 e1000e"], topology: topo)
        #expect(Fixture.advance(1, run, &w) { $0.code.hasPrefix("test_remove: device_unbind_cleanup") })
        run.step(&w, thread: 1)
        #expect(w[device: 1].driver == nil && w[device: 1].phase == .probing)
        #expect(RobinCaseTests.toScan(0, run, &w))
        let c = try #require(run.scheme.releaseScanCases(byThread: 0, in: w, run: run).first)
        #expect(c.label == "3" && !c.keeps)
        #expect(c.explanation.contains("test_remove"))
        run.step(&w, thread: 0)
        #expect(w[group: 0].owner == .none, "nobody kept it")
    }
}
