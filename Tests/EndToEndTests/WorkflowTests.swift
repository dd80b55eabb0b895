import DMAOwnTestSupport
import Foundation
import Testing

/// What a newcomer does in the TUI, driven through tmux and read back as words on the screen
/// (never positions, so layout changes do not break these).
@Suite(.needsTmux) struct WorkflowTests {
    /// Enough presses to run either S5 thread to its end (extra presses on a finished thread are refused).
    static let enough = 16

    func press(_ t: Tmux, _ key: String, times: Int = 1) {
        t.run(["send-keys", "-t", t.target] + Array(repeating: key, count: times))
    }

    /// S5 with the claim run to the end first: the bind then fails -EBUSY.
    func claimThenBind(_ t: Tmux) -> Bool {
        press(t, "2", times: Self.enough)
        guard t.waitFor(words: "done 0") else { return false }
        press(t, "1", times: Self.enough)
        return t.waitFor(words: "done -EBUSY", "done 0")
    }

    @Test func s5BothOrdersGiveBothOutcomes() throws {
        let t = try Tmux.dmaown()
        #expect(claimThenBind(t))
        let t2 = try Tmux.dmaown()
        press(t2, "1", times: Self.enough)
        t2.waitFor(words: "done 0")
        press(t2, "2", times: Self.enough)
        t2.waitFor(words: "done -EPERM", "done 0")
    }

    @Test func undoTakesStepsBackAndRedoReplaysThem() throws {
        let t = try Tmux.dmaown()
        guard claimThenBind(t) else { return }
        press(t, "u", times: 40)
        t.waitFor("every step undone") { !$0.contains("done -EBUSY") && !$0.contains("done 0") && $0.contains("runnable") }
        press(t, "C-r", times: 40)
        t.waitFor(words: "done -EBUSY")
    }

    @Test func steppingFromAnEarlierTimelineRowBranches() throws {
        let t = try Tmux.dmaown()
        guard claimThenBind(t) else { return }
        press(t, "Tab")
        t.waitFor(words: "Timeline:")
        press(t, "k", times: 40)  // up to the start row
        press(t, "1", times: Self.enough)
        press(t, "2", times: Self.enough)
        t.waitFor("the other outcome on the new branch") { $0.contains("done -EPERM") && !$0.contains("done -EBUSY") }
    }

    @Test func aSavedTraceLoadsBack() throws {
        let scratch = try Scratch("e2e")
        let path = scratch.path("bind-first.json")
        let t = try Tmux.dmaown()
        press(t, "1", times: Self.enough)
        press(t, "2", times: Self.enough)
        guard t.waitFor(words: "done -EPERM") else { return }

        press(t, "w")
        guard t.waitFor(words: "save trace") else { return }
        press(t, "BSpace", times: 200)
        t.type(path)
        press(t, "Enter")
        t.waitFor("the trace file") { _ in FileManager.default.fileExists(atPath: path) }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(text.contains("\"steps\"") && text.contains("claim 7 qemu"), "saved: \(text.prefix(300))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root) == ["bind-first.json"], "no temporary file left")

        press(t, "u", times: 40)
        guard t.waitFor("every step undone", { !$0.contains("done -EPERM") }) else { return }
        press(t, "o")
        guard t.waitFor(words: "load trace") else { return }
        press(t, "BSpace", times: 200)
        t.type(path)
        press(t, "Enter")
        t.waitFor(words: "done -EPERM", "done 0")
    }

    @Test func theExplorerFindsAndLoadsACounterexample() throws {
        let t = try Tmux.dmaown(["s1-vfio-owns-sibling-binds", "--scheme", "notifier"], width: 120, height: 40)
        guard t.waitFor(words: "notifier") else { return }
        press(t, "x")
        guard t.waitFor(words: "Violations", "isolation") else { return }
        press(t, "Enter")
        // The loaded schedule breaks isolation: the group and the status bar say so.
        t.waitFor(words: "isolation:", "loaded")
        press(t, "q")
    }

    /// Eight threads in one group (one cluster: independent groups would be searched one by one and
    /// finish at once): far too many interleavings to finish before Esc.
    static let bigScenario = """
title = "Many binds and claims at once"
scheme = "merged"
owners = ["qemu", "ctx2"]
setup = ["bind 0000:01:00.0 vfio-pci"]
threads = ["bind 0000:01:00.1 e1000e", "claim 7 qemu", "bind 0000:02:00.1 e1000e", "claim 7 ctx2", "bind 0000:03:00.1 e1000e", "claim 7 qemu", "bind 0000:04:00.1 e1000e", "claim 7 ctx2"]

[drivers]
vfio-pci = { managed_dma = true }
e1000e = { managed_dma = false, may_fail = ["pinctrl", "probe"] }

[groups]
7 = ["0000:01:00.0", "0000:01:00.1", "0000:02:00.0", "0000:02:00.1", "0000:03:00.0", "0000:03:00.1", "0000:04:00.0", "0000:04:00.1"]
"""

    @Test func theExplorerReportsProgressAndEscCancelsIt() throws {
        let scratch = try Scratch("e2e")
        let path = try scratch.file("big.toml", Self.bigScenario)
        let t = try Tmux.dmaown([path], width: 120, height: 40)
        guard t.waitFor(words: "Many binds") else { return }
        press(t, "x")
        // Progress arrives from the background thread while the UI stays live.
        guard t.waitFor(words: "Esc cancels", "states") else { return }
        press(t, "Escape")
        t.waitFor(words: "cancelled")
        press(t, "q")
    }
}
