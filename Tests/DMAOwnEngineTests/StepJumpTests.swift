import Testing
import DMAOwnEngine

/// `Run.step` resolves every `goto` through a table built with the run (`MoveTable`), not the
/// program's labels: each jump must still land on the step its label names, in every scheme.
@Suite struct StepJumpTests {
    /// Steps thread 0 to its next step with `failPoint`, takes the failure branch, and returns the
    /// pc it landed on with the pc of the step labelled `label`.
    private func failAt(_ point: FailPoint, driver: String, scheme: SchemeID, expecting label: JumpLabel) throws -> (landed: Int, labelled: Int) {
        var (run, w) = Fixture.start(scheme, setup: [], threads: ["bind 01:00.1 \(driver)"])
        // `flaky` may fail in probe(), so probe() is two steps and fails at the one that returns.
        let reached = Fixture.advance(0, run, &w) { $0.failPoint == point && (point != .probe || $0.code.hasPrefix("return")) }
        try #require(reached, "thread 0 never reached its \(point) step under \(scheme.rawValue)")
        guard case .runnable(_, canFail: true) = run.status(of: 0, in: w) else {
            Issue.record("the \(point) step is no choice point under \(scheme.rawValue)")
            return (-1, 0)
        }
        run.step(&w, thread: 0, fail: true)
        return (w.progress(ofThread: 0).pc, run.programs[0].index(of: label))
    }

    @Test(arguments: SchemeID.allCases)
    func aFailedPinctrlJumpsToTheUnwinding(_ scheme: SchemeID) throws {
        let (landed, labelled) = try failAt(.pinctrl, driver: "flaky", scheme: scheme, expecting: .unwind)
        #expect(landed == labelled)
    }

    @Test(arguments: SchemeID.allCases)
    func aFailedProbeJumpsToTheCleanup(_ scheme: SchemeID) throws {
        let (landed, labelled) = try failAt(.probe, driver: "flaky", scheme: scheme, expecting: .cleanup)
        #expect(landed == labelled)
    }

    /// `dma_cleanup` of a `driver_managed_dma` driver holds no count: it jumps to `out`.
    @Test func unbindingAManagedDriverJumpsOut() throws {
        var (run, w) = Fixture.start(.merged, setup: ["bind 01:00.1 pci-stub"], threads: ["unbind 01:00.1"])
        try #require(Fixture.advance(0, run, &w, toFunction: "dma_cleanup"))
        run.step(&w, thread: 0)
        #expect(w.progress(ofThread: 0).pc == run.programs[0].index(of: .out))
        Fixture.finish(0, run, &w)
        #expect(run.result(of: 0, in: w) == "0")
    }
}

/// The VFIO front end reads single bits and bytes of the packed world; they must say what the
/// decoded records say.
@Suite struct FrontEndBytesTests {
    @Test func vfioRegistrationReadsAsTheDecodedRecord() {
        var (run, w) = Fixture.start(.merged, setup: [], threads: ["bind 01:00.0 vfio-pci", "bind 01:00.1 e1000e"])
        var seen: Set<[Bool]> = []
        for t in 0..<2 {
            while case .runnable = run.status(of: t, in: w) {
                run.step(&w, thread: t)
                let bits = (0..<2).map { w.vfioRegistered(ofDevice: $0) }
                #expect(bits == (0..<2).map { w[device: $0].vfioRegistered })
                seen.insert(bits)
            }
        }
        // Both answers occur, so the comparison above compared something.
        #expect(seen.contains([false, false]) && seen.contains([true, false]))
    }

    @Test func holdersAndBindingsRoundTrip() {
        var w = World(topology: Fixture.triple)
        let h = World.GroupHolders(vfioUser: 1, userDMA: true, kernelClaimer: 0, containerUsers: true)
        w[holders: 0] = h
        w[binding: 2] = World.DeviceBinding(context: 1, userDMA: true)
        #expect(w[holders: 0] == h)
        #expect(w[binding: 2] == World.DeviceBinding(context: 1, userDMA: true))
        #expect(w[binding: 0] == World.DeviceBinding())
        #expect(w[binding: 1] == World.DeviceBinding())
        w[holders: 0] = World.GroupHolders()
        #expect(w[holders: 0] == World.GroupHolders())
        #expect(w[binding: 2].context == 1)
    }
}
