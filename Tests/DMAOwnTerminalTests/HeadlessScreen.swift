import CNCurses
import Glibc
import DMAOwnTUI

/// A real curses screen whose output goes to a temporary file instead of a terminal, so tests can
/// read cells back (`mvwin_wch`) and count the bytes the presenter made curses write.
final class HeadlessScreen {
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let screen: OpaquePointer

    init(width: Int, height: Int, term: String = "xterm-256color") {
        setlocale(LC_ALL, "C.UTF-8")
        output = tmpfile()!
        input = fopen("/dev/null", "r")!
        screen = newterm(term, output, input)!
        set_term(screen)
        noecho()
        if has_colors() { start_color(); use_default_colors() }
        resizeterm(Int32(height), Int32(width))
    }

    /// Bytes curses has written to the "terminal" so far.
    var bytesWritten: Int {
        fflush(output)
        var st = stat()
        fstat(fileno(output), &st)
        return Int(st.st_size)
    }

    /// What curses holds for the cell at (x, y): its text, attributes and colour pair.
    func cell(_ x: Int, _ y: Int) -> (text: String, attributes: attr_t, pair: Int32) {
        var cc = cchar_t()
        mvwin_wch(dmaown_stdscr(), Int32(y), Int32(x), &cc)
        var wch = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int32 = 0
        _ = dmaown_getcchar(&cc, &wch, &attrs, &pair)
        let text = String(String.UnicodeScalarView(wch.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        return (text, attrs & ~dmaown_a_color(), pair)
    }

    /// The text of row `y` as curses holds it.
    func row(_ y: Int, width: Int) -> String { (0..<width).map { cell($0, y).text }.joined() }

    /// Writes a cell behind the presenter's back, to prove it does not rewrite unchanged cells.
    func plant(_ ch: Character, x: Int, y: Int) {
        var wch: [wchar_t] = [wchar_t(bitPattern: ch.unicodeScalars.first!.value), 0]
        var cc = cchar_t()
        _ = dmaown_setcchar(&cc, &wch, dmaown_wa_normal(), 0)
        mvwadd_wch(dmaown_stdscr(), Int32(y), Int32(x), &cc)
    }

    deinit {
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
    }
}
