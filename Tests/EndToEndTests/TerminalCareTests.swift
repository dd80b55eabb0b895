import Foundation
import Testing

/// The built binary in a real terminal (tmux): it draws, and every exit path gives the terminal
/// back — normal screen, cursor shown.
@Suite struct TerminalCareTests {
    /// Words the default scenario's screen shows once the first frame is up.
    static let titleWord = "S5"

    @Test func launchShowsTheScenarioAndQQuitsRestoringTheTerminal() throws {
        let t = try Tmux([Binary.path])
        guard t.waitFor(words: Self.titleWord) else { return }
        #expect(t.format("#{alternate_on}") == "1", "the TUI runs on the alternate screen")
        t.send("q")
        t.expectTerminalRestored()
        #expect(t.format("#{pane_dead_status}") == "0")
    }

    @Test(arguments: ["TERM", "INT", "HUP"])
    func aTerminatingSignalRestoresTheTerminal(signal: String) throws {
        let t = try Tmux([Binary.path])
        guard t.waitFor(words: Self.titleWord) else { return }
        let pid = t.format("#{pane_pid}")
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/bin/kill")
        kill.arguments = ["-\(signal)", pid]
        try kill.run()
        kill.waitUntilExit()
        t.expectTerminalRestored()
        #expect(t.format("#{pane_dead_signal}") == "\(signalNumber(signal))", "dies of the signal it was sent")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let t = try Tmux([Binary.path])
        guard t.waitFor(words: Self.titleWord) else { return }
        t.send("C-c")
        t.expectTerminalRestored()
    }

    @Test func aSwiftRuntimeTrapRestoresTheTerminal() throws {
        let t = try Tmux([Binary.path], env: ["DMAOWN_TEST_TRAP_AFTER_FIRST_FRAME": "1"])
        t.expectTerminalRestored()
        #expect(["4", "5"].contains(t.format("#{pane_dead_signal}")), "died of SIGILL/SIGTRAP, not a clean exit")
    }

    @Test func ctrlZRestoresAndFgRepaints() throws {
        let t = try Tmux(["/bin/bash", "--norc", "--noprofile", "-i"], env: ["PS1": "$ "])
        guard t.waitFor(words: "$") else { return }
        t.type("'\(Binary.path)'")
        t.send("Enter")
        guard t.waitFor(words: Self.titleWord), t.waitFor(format: "#{alternate_on}", toBe: "1") else { return }
        t.send("C-z")
        guard t.waitFor(words: "stopped") else { return }
        #expect(t.format("alternate_on=#{alternate_on} cursor_flag=#{cursor_flag}") == "alternate_on=0 cursor_flag=1")
        t.type("fg")
        t.send("Enter")
        guard t.waitFor(format: "#{alternate_on}", toBe: "1") else { return }
        t.waitFor(words: Self.titleWord)
        t.send("q")
        t.waitFor(format: "#{alternate_on}", toBe: "0")
        #expect(t.format("#{cursor_flag}") == "1")
        t.type("exit")
        t.send("Enter")
    }

    @Test func resizingBelowTheMinimumShowsTheNeededSizeAndBackRestores() throws {
        let t = try Tmux([Binary.path], width: 100, height: 30)
        guard t.waitFor(words: Self.titleWord) else { return }
        t.resize(width: 50, height: 12)
        t.waitFor(words: "too small", "need")
        t.resize(width: 100, height: 30)
        t.waitFor("the scenario again, without the too-small note") { s in
            s.localizedCaseInsensitiveContains(Self.titleWord) && !s.localizedCaseInsensitiveContains("too small")
        }
        t.send("q")
        t.expectTerminalRestored()
    }

    @Test func anUnusableTermIsOneLineAndExitTwo() throws {
        let t = try Tmux([Binary.path], env: ["TERM": "no-such-terminal-type"])
        guard t.waitFor(format: "#{pane_dead}", toBe: "1") else { return }
        #expect(t.format("#{pane_dead_status}") == "2")
        let lines = t.screen().split(separator: "\n").filter { !$0.isEmpty && !$0.contains("Pane is dead") }
        #expect(lines.count == 1 && lines.first?.contains("no-such-terminal-type") == true, "\(lines)")
    }

    private func signalNumber(_ name: String) -> Int32 {
        switch name { case "TERM": SIGTERM; case "INT": SIGINT; case "HUP": SIGHUP; default: 0 }
    }
}
