import CNCurses
import DMAOwnTUI

/// Writes only the cells that changed since the last frame (ratatui's diffing backend), so a
/// one-step change costs a few hundred bytes instead of a full repaint.
public final class Presenter {
    private var previous: CellBuffer?
    private var colors: ColorPairs
    /// Cells written by the last `present`, for tests and the byte budget.
    public private(set) var lastCellsWritten = 0

    /// A presenter for the current curses screen; `depth` is what the terminal can show.
    public init(theme: Theme, depth: ColorDepth) {
        colors = ColorPairs(theme: theme, depth: depth)
    }

    /// The colour depth in use.
    public var depth: ColorDepth { colors.depth }

    /// Forgets the last frame so the next `present` writes every cell (after resume or Ctrl-L).
    public func invalidate() { previous = nil }

    /// Switches theme; every cell is written again on the next frame.
    public func apply(_ theme: Theme) {
        colors.apply(theme)
        previous = nil
    }

    /// Writes the difference between `buffer` and the last frame to the screen and refreshes it.
    @discardableResult
    public func present(_ buffer: CellBuffer) -> Int {
        let win = dmaown_stdscr()
        let full = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
        if full { werase(win) }
        var written = 0
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if !full, previous![x, y] == cell { continue }
                draw(cell, x: x, y: y, in: win)
                written += 1
            }
        }
        previous = buffer
        lastCellsWritten = written
        wnoutrefresh(win)
        doupdate()
        return written
    }

    private func draw(_ cell: Cell, x: Int, y: Int, in win: UnsafeMutablePointer<WINDOW>?) {
        let style = colors.style(for: cell.role)
        // setcchar takes a NUL-terminated array of one spacing character and up to 4 combining ones.
        var wch: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &wch) { raw in
            let p = raw.bindMemory(to: wchar_t.self)
            var i = 0
            for s in cell.character.unicodeScalars where i < 5 { p[i] = wchar_t(bitPattern: s.value); i += 1 }
            if i == 0 { p[0] = 32 }
        }
        var cc = cchar_t()
        withUnsafePointer(to: &wch) { ptr in
            ptr.withMemoryRebound(to: wchar_t.self, capacity: 6) { _ = dmaown_setcchar(&cc, $0, style.attributes, style.pair) }
        }
        // Writing the bottom-right cell reports ERR (the cursor cannot advance) but draws it.
        _ = mvwadd_wch(win, Int32(y), Int32(x), &cc)
    }
}
