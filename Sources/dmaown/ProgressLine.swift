import DMAOwnExplorer
import Foundation

/// The one line of progress `dmaown check` keeps rewriting on stderr while a search runs longer
/// than half a second: states, depth, memory and time. Only on a terminal: a pipe or a file gets
/// nothing, so scripts read clean output, and the line is erased before the result is printed.
final class ProgressLine {
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var shown = false
    /// What the line starts with: the command and, for `compare`, the scheme being searched.
    var label: String

    init(label: String = "dmaown check", enabled: Bool = isatty(2) == 1) { self.label = label; self.enabled = enabled }

    /// Shows `p` once the search has run for half a second.
    func update(_ p: ExplorationProgress) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        guard elapsed >= .milliseconds(500) else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let line = "\(label): \(p.states.formatted()) states, depth \(p.depth), \((p.bytes + (1 << 19)) >> 20) MB, \(String(format: "%.1f", seconds)) s"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        shown = true
    }

    /// Erases the line, if one was shown.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
