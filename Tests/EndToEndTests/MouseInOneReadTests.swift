import Foundation
import Testing

/// Issue 16: a mouse press and its release arriving in one read (a fast click over a slow link)
/// still clicks: the thread's header steps it once.
@Suite(.needsTmux) struct MouseInOneReadTests {
    /// An X10 mouse report (tmux's terminfo asks for this form): button byte, column, row, 1-based.
    static func report(button: Int, x: Int, y: Int) -> String {
        "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(32 + x))) + String(UnicodeScalar(UInt8(32 + y)))
    }

    @Test func aPressAndReleaseInOneWriteStepsTheThread() throws {
        let t = try Tmux.dmaown(width: 100, height: 30)
        guard t.waitFor(words: "step 0 of 0") else { return }
        t.type("m")
        guard t.waitFor(words: "mouse on") else { return }
        // Thread 1's header is on the third row of the screen, in the right-hand pane.
        t.type(Self.report(button: 0, x: 50, y: 3) + Self.report(button: 3, x: 50, y: 3))
        t.waitFor(words: "step 1 of 1")
        #expect(!t.screen().contains("step 2 of 2"), "one click stepped twice")
        t.send("q")
        t.send("y")
        t.expectTerminalRestored()
    }
}
