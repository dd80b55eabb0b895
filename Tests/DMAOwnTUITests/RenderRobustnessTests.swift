import DMAOwnBench
import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

@Suite struct RenderRobustnessTests {
    /// Every overlay, over a state with steps, a violation and a Robin label.
    static func states() -> [AppState] {
        var out = [Fixture.state(), Fixture.s5Midway(), SnapshotStates.robin(), SnapshotStates.s1Notifier(), SnapshotStates.help()]
        var s = Fixture.s5Midway()
        Fixture.press(&s, .char(":")); Fixture.type(&s, "bind 0000:01"); Fixture.press(&s, .tab); out.append(s)
        s = Fixture.s5Midway(); Fixture.press(&s, .char("a"), .enter); out.append(s)
        s = Fixture.s5Midway(); Fixture.press(&s, .char("w")); out.append(s)
        s = Fixture.s5Midway(); Fixture.press(&s, .char("q")); out.append(s)
        s = Fixture.s5Midway(); Fixture.press(&s, .char("x"))
        App.update(&s, .background(job: s.explorerJobID, .progress(ExplorationProgress(states: 5, transitions: 9, depth: 2, fraction: 0.25)))); out.append(s)
        App.update(&s, .background(job: s.explorerJobID, .finished(Exploration(complete: true, states: 9, transitions: 12, seconds: 0.001, peakBytes: 0,
            violations: [Counterexample(invariant: .isolation, message: "m", schedule: [Choice(thread: 0)])],
            outcomes: [Outcome(results: ["0", "-EPERM"], schedules: 3), Outcome(results: ["-EBUSY", "0"], schedules: 3)]))))
        out.append(s)
        return out
    }

    @Test(arguments: [(0, 0), (1, 1), (79, 24), (80, 23), (80, 24), (81, 25), (120, 40), (200, 60), (300, 100)])
    func anySizeRendersTheHeaderOrSaysItIsTooSmall(width: Int, height: Int) {
        let states = Self.states()
        #expect(!states.isEmpty, "the loop below checks something")
        let fits = width >= App.minimumSize.width && height >= App.minimumSize.height
        for s in states {
            for g in [Glyphs.unicode, .ascii] {
                let buf = App.render(s, size: Size(width: width, height: height), glyphs: g)
                #expect(buf.cells.count == width * height)
                let text = Snapshot.text(buf)
                if fits {
                    #expect(text.split(separator: "\n").first?.contains("scheme \(s.run.scheme.id.rawValue)") == true, "\(width)x\(height)")
                } else if width >= App.minimumSize.width / 2 {
                    #expect(text.contains("terminal too small"), "\(width)x\(height)")
                }
            }
        }
    }

    @Test func belowMinimumSaysWhatIsNeeded() {
        let buf = App.render(Fixture.state(), size: Size(width: 79, height: 30), glyphs: .ascii)
        let text = buf.lines.joined(separator: "\n")
        #expect(text.contains("terminal too small"))
        #expect(text.contains("need 80x24"))
        #expect(text.contains("(have 79x30)"))
    }

    @Test func explorerOverlayShowsProgressThenResults() {
        let all = Self.states()
        let progress = Snapshot.text(App.render(all[all.count - 2], size: App.minimumSize, glyphs: .unicode))
        #expect(progress.contains("states 5  transitions 9  depth 2"))
        #expect(progress.contains("25%"))
        let results = Snapshot.text(App.render(all[all.count - 1], size: App.minimumSize, glyphs: .unicode))
        #expect(results.contains("bind 0000:01:00.1 e1000e → 0, claim 7 qemu → -EPERM  (3 schedules)"), "outcomes are labelled by operation:\n\(results)")
        #expect(results.contains("complete: 9 states, 12 transitions, 1 ms"))
        #expect(results.contains("⚠ isolation (1 step): m"))
    }

    @Test func changedFieldsAreHighlighted() throws {
        var s = Fixture.state()
        Fixture.press(&s, .char("2"), .char("2"))  // T2 opens the VFIO group, then takes the group mutex
        let buf = App.render(s, size: App.minimumSize, glyphs: .unicode)
        let row = try #require(buf.lines.firstIndex { $0.contains("mutex ◆T2") })
        let col = try #require(Array(buf.line(row)).firstIndex(of: "◆"))
        #expect(buf[col, row].role == .changed)
        Fixture.press(&s, .char("u"), .char("u"))
        let after = App.render(s, size: App.minimumSize, glyphs: .unicode)
        #expect(!after.cells.contains { $0.role == .changed })
    }

    @Test func putWithDefaultWidthWritesAwayFromTheLeftEdge() {
        var buf = CellBuffer(width: 10, height: 1)
        #expect(buf.put("abc", x: 5, y: 0, role: .title) == 8)
        #expect(buf.line(0) == "     abc  ")
        #expect(buf.put("wxyz", x: 8, y: 0, role: .title) == 10)
        #expect(buf.line(0) == "     abcwx")
        #expect(buf.put("q", x: 0, y: 0, role: .text, maxWidth: -1) == 0)
    }

    @Test func benchmarkBuildsTheLargeWorldAndRenders() {
        let scenario = RenderBenchmark.scenario()
        #expect(scenario.topology.groups.count == 64)
        #expect(scenario.topology.devices.count == 256)
        #expect(scenario.threads.count == 16)
        let r = RenderBenchmark.run(iterations: 2)
        #expect(r.cells == 200 * 60)
        #expect(r.millisecondsPerFrame > 0)
    }
}

extension RenderRobustnessTests {
    @Test func deadlockMarksTheGroupWhoseLocksAreWaitedFor() {
        // A world made by hand: T1 waits for device_lock(B) held by T2, T2 for the mutex held by T1.
        var s = Fixture.state()
        var w = s.history.initial
        w[device: 1].lockHolder = 1
        w[group: 0].mutexHolder = 0
        w.setPC(ofThread: 1, 1)  // T2's claim is past VFIO's open, at its mutex step
        s.history.record(Choice(thread: 0), world: w)
        #expect(s.run.broken(in: s.world).contains(InvariantSet(.deadlock)))
        let text = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .ascii))
        #expect(text.contains("group 7 ! deadlock"))
        #expect(text.contains("v warn  ! deadlock  v lock-order"), "the invariants line marks it")
        let wide = Snapshot.text(App.render(s, size: Size(width: 120, height: 40), glyphs: .ascii))
        #expect(wide.contains("blocked on device_lock(0000:01:00.1) held by thread 2"))
    }
}

extension RenderRobustnessTests {
    @Test func aScenarioWithoutThreadsStillWorks() {
        var s = Fixture.state(Scenario(title: "empty", scheme: .merged, topology: Fixture.topology, threads: []))
        #expect(Fixture.press(&s, .char("1")) == [.bell])
        #expect(Fixture.press(&s, .enter) == [.bell])
        #expect(Fixture.press(&s, .char("r")) == [.bell])
        #expect(Fixture.press(&s, .char("R")) == [.bell])
        Fixture.press(&s, .tab, .down, .tab, .down)
        let text = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .unicode))
        #expect(text.contains("no threads: a or : adds one"))
        Fixture.press(&s, .char(":")); Fixture.type(&s, "bind 01:00.1 e1000e"); Fixture.press(&s, .enter)
        #expect(Fixture.press(&s, .char("1")).isEmpty)
    }
}

extension RenderRobustnessTests {
    /// robin-locked's ABBA deadlock: the status line gives the wait cycle in words, and each thread
    /// in it says whom the holder waits for.
    @Test func deadlockCycleInWords() throws {
        var s = Fixture.state(try BuiltinScenarios.load("robin-locked-deadlock"))
        for key in ["2", "1", "1", "1", "1", "1", "2", "2", "2"] { Fixture.press(&s, .char(Character(key))) }
        #expect(s.run.waitCycle(in: s.world) == [0, 1])
        let text = Snapshot.text(App.render(s, size: Size(width: 120, height: 40), glyphs: .ascii))
        #expect(text.contains("deadlock: T1 waits for device_lock(0000:0d:00.1) held by T2, which waits for group 13 mutex held by T1"), "\(text)")
        #expect(text.contains("blocked on group 13 mutex held by thread 1, which waits for T2: deadlock"), "\(text)")
    }
}
