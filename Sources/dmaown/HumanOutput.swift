import DMAOwnEngine
import Foundation

/// Standard output for reports a person reads (`check`, `replay`, `themes`, text exports): every
/// line passes the one sanitiser, so names and titles from input files cannot drive the terminal.
enum HumanOutput {
    /// Prints `text` with its line breaks kept and every other control or bidi character escaped.
    static func print(_ text: String, terminator: String = "\n") {
        Swift.print(DisplayText.lines(text), terminator: terminator)
    }
}
