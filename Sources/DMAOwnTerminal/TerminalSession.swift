import CNCurses
import Glibc
import DMAOwnTUI

/// Why the TUI could not take the terminal; the command prints it as one line and exits 2.
public enum TerminalOpenError: Error, CustomStringConvertible {
    case notATerminal(String)
    case unusableTerminal(String)
    /// The terminfo entry exists but cannot move the cursor (TERM=dumb), so nothing could be drawn.
    case noCursorAddressing(String)

    public var description: String {
        switch self {
        case .notATerminal(let which): "\(which) is not a terminal; the TUI needs one (try 'dmaown check')"
        case .unusableTerminal(let term): "cannot use terminal type '\(term)' (check TERM)"
        case .noCursorAddressing(let term): "terminal type '\(term)' cannot move the cursor (check TERM)"
        }
    }
}

/// The locale decides the glyphs: Unicode only when the terminal's character set is UTF-8.
public enum TerminalLocale {
    /// Sets the locale from the environment (before curses starts); true when it is UTF-8.
    public static func adoptFromEnvironment() -> Bool {
        setlocale(LC_ALL, "")
        return dmaown_locale_is_utf8() != 0
    }
}

/// Owns the curses screen: taking the terminal, and giving it back on every exit path.
///
/// Ordinary signals (INT, QUIT, TERM, HUP, TSTP, CONT, WINCH) only write a byte to the wake pipe; the
/// event loop restores the terminal outside the handler. Crash signals are handled in C
/// (`dmaown_crash_handler`), which writes reset sequences with async-signal-safe calls.
final class TerminalSession {
    static let routedSignals: [Int32] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH]
    private let screen: OpaquePointer
    private(set) var isOpen = true
    private var mouseOn = false
    private let wakeFD: Int32

    /// Takes the terminal on stdin/stdout. Signals are routed first so ncurses installs none of its own.
    init(wake: WakePipe) throws(TerminalOpenError) {
        wakeFD = wake.writeFD
        guard isatty(STDIN_FILENO) == 1 else { throw .notATerminal("stdin") }
        guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal("stdout") }
        for sig in Self.routedSignals { _ = dmaown_route_signal(sig, wake.writeFD) }
        dmaown_rescue_arm(STDOUT_FILENO)
        dmaown_install_crash_handlers()
        guard let s = newterm(nil, dmaown_stdout_file(), dmaown_stdin_file()) else {
            dmaown_rescue_disarm()
            for sig in Self.routedSignals { dmaown_default_signal(sig) }
            throw .unusableTerminal(String(cString: getenv("TERM") ?? strdup("")))
        }
        set_term(s)
        guard dmaown_can_address_cursor() != 0 else {
            endwin()
            delscreen(s)
            dmaown_rescue_disarm()
            for sig in Self.routedSignals { dmaown_default_signal(sig) }
            throw .noCursorAddressing(String(cString: getenv("TERM") ?? strdup("")))
        }
        screen = s
        cbreak()
        noecho()
        nonl()
        let win = dmaown_stdscr()
        keypad(win, true)
        nodelay(win, true)
        set_escdelay(25)
        curs_set(0)
        mouseinterval(0)
        if has_colors() {
            start_color()
            use_default_colors()
        }
    }

    /// The current size, as curses knows it.
    var size: Size { Size(width: Int(dmaown_cols()), height: Int(dmaown_lines())) }

    /// Asks the kernel for the size after SIGWINCH and tells curses; true if it changed.
    func refreshSize() -> Bool {
        var rows: Int32 = 0, cols: Int32 = 0
        guard dmaown_winsize(STDOUT_FILENO, &rows, &cols) != 0 else { return false }
        if rows == dmaown_lines() && cols == dmaown_cols() { return false }
        resizeterm(rows, cols)
        return true
    }

    /// Turns mouse reporting on or off.
    func setMouse(_ on: Bool) {
        mouseOn = on
        mousemask(on ? dmaown_mouse_mask_wanted() : 0, nil)
    }

    /// Makes the next refresh repaint the whole terminal (Ctrl-L, resume).
    func forceRepaint() { clearok(dmaown_curscr(), true) }

    func bell() { beep() }

    /// Gives the terminal back: normal screen, cursor, modes. Safe to call twice.
    func restore() {
        guard isOpen else { return }
        isOpen = false
        if mouseOn { mousemask(0, nil) }
        curs_set(1)
        endwin()
        dmaown_rescue_disarm()
    }

    /// Ctrl-Z: restore the terminal, stop with the default action, and take it back on `fg`.
    func suspend() {
        restore()
        dmaown_raise_default(SIGTSTP)
        // Running again (SIGCONT).
        _ = dmaown_route_signal(SIGTSTP, wakeFD)
        resume()
    }

    /// Takes the terminal back after a stop.
    func resume() {
        if !isOpen {
            dmaown_rescue_arm(STDOUT_FILENO)
            isOpen = true
            curs_set(0)
            if mouseOn { mousemask(dmaown_mouse_mask_wanted(), nil) }
        }
        _ = refreshSize()
        forceRepaint()
    }

    /// Restores the terminal, then dies of `signo` the way the default action would.
    func die(of signo: Int32) -> Never {
        restore()
        dmaown_raise_default(signo)
        exit(128 + signo)
    }

    deinit {
        restore()
        delscreen(screen)
    }
}
