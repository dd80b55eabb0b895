import Testing
import DMAOwnEngine
import DMAOwnExplorer
@testable import DMAOwnTUI

@Suite struct HistoryTests {
    /// A history of `choices` stepped through S5's run.
    static func history(_ choices: [Int]) -> (Run, History) {
        let s = Fixture.state()
        var h = s.history
        for t in choices {
            var w = h.current
            s.run.step(&w, thread: t)
            h.record(Choice(thread: t), world: w)
        }
        return (s.run, h)
    }

    @Test func recordUndoRedoJump() {
        var (_, h) = Self.history([0, 0, 1])
        #expect(h.position == 3)
        #expect(h.current == h.worlds[2])
        let u1 = h.undo(), u2 = h.undo()
        #expect(u1 && u2)
        #expect(h.current == h.worlds[0])
        let r1 = h.redo()
        #expect(r1)
        #expect(h.position == 2)
        h.jump(to: 99)
        #expect(h.position == 3)
        let r2 = h.redo()
        #expect(!r2)
        h.jump(to: -4)
        #expect(h.position == 0 && h.current == h.initial)
        let u3 = h.undo()
        #expect(!u3)
    }

    @Test func recordingAfterUndoBranches() {
        var (run, h) = Self.history([0, 0, 1])
        h.jump(to: 1)
        var w = h.current
        run.step(&w, thread: 1)
        h.record(Choice(thread: 1), world: w)
        #expect(h.choices == [Choice(thread: 0), Choice(thread: 1)])
        #expect(h.worlds.count == 2)
        let r = h.redo()
        #expect(!r)
    }

    @Test func addingAThreadExtendsEveryKeptWorld() {
        var (run, h) = Self.history([0, 1])
        h.jump(to: 1)
        let t = h.add(Fixture.op("unbind 01:00.0"), to: &run)
        #expect(t == 2)
        #expect(run.operations.count == 3)
        #expect(([h.initial] + h.worlds).allSatisfy { $0.threadCount == 3 && !$0[thread: 2].done && $0[thread: 2].pc == 0 })
        // The old redo tail still replays under the grown run.
        let r = h.redo()
        #expect(r)
        var w = h.world(at: 1)
        run.step(&w, thread: 1)
        #expect(w == h.current)
    }

    @Test func truncateDropsTheRedoTail() {
        var (_, h) = Self.history([0, 0, 1])
        h.jump(to: 1)
        h.truncate()
        #expect(h.choices.count == 1 && h.position == 1)
    }
}

extension HistoryTests {
    @Test func retakingTheTailsNextStepKeepsTheTail() {
        var (run, h) = Self.history([0, 0, 1])
        h.jump(to: 1)
        var w = h.current
        run.step(&w, thread: 0)
        h.record(Choice(thread: 0), world: w)
        #expect(h.position == 2)
        #expect(h.choices == [Choice(thread: 0), Choice(thread: 0), Choice(thread: 1)])
    }
}
