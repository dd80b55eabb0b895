import DMAOwnBench
import DMAOwnTerminal
import Foundation
import Testing

/// The built binary in a real terminal (tmux): it draws, and every exit path gives the terminal
/// back — normal screen, cursor shown.
@Suite(.needsTmux) struct TerminalCareTests {
    /// Words the default scenario's screen shows once the first frame is up.
    static let titleWord = "races a VM"

    @Test func launchShowsTheScenarioAndQQuitsRestoringTheTerminal() throws {
        let t = try Tmux.dmaown()
        guard t.waitFor(words: Self.titleWord) else { return }
        #expect(t.format("alternate_on=#{alternate_on} cursor_flag=#{cursor_flag}") == "alternate_on=1 cursor_flag=0",
                "the TUI runs on the alternate screen with the cursor hidden")
        t.send("m")
        t.waitFor(format: "#{mouse_any_flag}", toBe: "1")
        t.send("q")
        #expect(t.expectTerminalRestored() == 0)
        #expect(t.format("#{mouse_any_flag}") == "0", "mouse reporting is off again")
    }

    @Test(arguments: ["TERM", "INT", "HUP", "QUIT"])
    func aTerminatingSignalRestoresTheTerminal(signal: String) throws {
        let t = try Tmux.dmaown()
        guard t.waitFor(words: Self.titleWord) else { return }
        let pid = t.programPID()
        #expect(Subprocess.run(["kill", "-\(signal)", pid]).status == 0, "kill \(pid)")
        #expect(t.expectTerminalRestored() == 128 + Int(signalNumber(signal)), "dies of the signal it was sent")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let t = try Tmux.dmaown()
        guard t.waitFor(words: Self.titleWord) else { return }
        t.send("C-c")
        #expect(t.expectTerminalRestored() == 128 + Int(SIGINT))
    }

    @Test func aSwiftRuntimeTrapRestoresTheTerminal() throws {
        let t = try Tmux.dmaown(env: ["DMAOWN_TEST_TRAP_AFTER_FIRST_FRAME": "1"])
        let status = t.expectTerminalRestored()
        #expect(status == 128 + Int(SIGILL) || status == 128 + Int(SIGTRAP), "died of the trap, not a clean exit")
    }

    /// With Swift's backtracer on (as for any user), a trap still exits at once: the backtracer
    /// must not hold the restored terminal waiting for a key.
    @Test func aTrapWithTheBacktracerOnDoesNotHoldTheTerminal() throws {
        let t = try Tmux.dmaown(env: ["DMAOWN_TEST_TRAP_AFTER_FIRST_FRAME": "1", "SWIFT_BACKTRACE": "enable=yes,interactive=yes"])
        let status = t.expectTerminalRestored()
        #expect(status == 128 + Int(SIGILL) || status == 128 + Int(SIGTRAP), "died of the trap, not a clean exit")
        #expect(t.screen().contains("the terminal was restored"), "\(t.screen())")
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
        let t = try Tmux.dmaown(width: 100, height: 30)
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

    /// No terminfo entry, or one that cannot move the cursor (TERM=dumb, which drew a blank screen).
    @Test(arguments: ["no-such-terminal-type", "dumb"])
    func anUnusableTermIsOneLineAndExitTwo(term: String) throws {
        // tmux sets TERM for the pane itself, so override it inside the pane.
        let t = try Tmux.dmaown(prefix: ["/usr/bin/env", "TERM=\(term)"])
        #expect(t.waitForExit() == 2)
        let lines = t.screen().split(separator: "\n").filter { !$0.isEmpty && !$0.contains("dmaown-exit=") }
        #expect(lines.count == 1 && lines.first?.contains("'\(term)'") == true, "\(lines)")
        t.expectTerminalRestored()
    }

    private func signalNumber(_ name: String) -> Int32 {
        switch name { case "TERM": SIGTERM; case "INT": SIGINT; case "HUP": SIGHUP; case "QUIT": SIGQUIT; default: 0 }
    }
}
