import CNCurses
import DMAOwnTUI

/// What one read from the terminal yields.
public enum TerminalInput: Equatable, Sendable {
    case key(KeyEvent)
    /// The terminal changed size (KEY_RESIZE); read the new size from curses.
    case resize
    /// A key or mouse report the TUI has no use for.
    case ignored
}

/// Turns `get_wch` results into key events, independent of ncurses' numbering where it can be.
public enum KeyDecoder {
    /// Decodes a character returned by `get_wch` with `OK`.
    public static func decode(character code: UInt32) -> TerminalInput {
        switch code {
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96))))
        default:
            guard let s = Unicode.Scalar(code) else { return .ignored }
            return .key(.char(Character(s)))
        }
    }

    /// Decodes a key code returned by `get_wch` with `KEY_CODE_YES` (mouse is decoded separately).
    public static func decode(keyCode k: Int32) -> TerminalInput {
        switch k {
        case dmaown_key_up(): return .key(.up)
        case dmaown_key_down(): return .key(.down)
        case dmaown_key_left(): return .key(.left)
        case dmaown_key_right(): return .key(.right)
        case dmaown_key_home(): return .key(.home)
        case dmaown_key_end(): return .key(.end)
        case dmaown_key_ppage(): return .key(.pageUp)
        case dmaown_key_npage(): return .key(.pageDown)
        case dmaown_key_enter(): return .key(.enter)
        case dmaown_key_backspace(): return .key(.backspace)
        case dmaown_key_dc(): return .key(.delete)
        case dmaown_key_btab(): return .key(.backTab)
        case dmaown_key_resize(): return .resize
        case (dmaown_key_f0() + 1)...(dmaown_key_f0() + 63): return .key(.function(Int(k - dmaown_key_f0())))
        default: return .ignored
        }
    }

    /// Reads one pending input without blocking; nil when there is none.
    static func next() -> TerminalInput? {
        var ch: wint_t = 0
        let rc = wget_wch(dmaown_stdscr(), &ch)
        if rc == dmaown_err() { return nil }
        if rc == dmaown_key_code_yes() {
            if Int32(ch) == dmaown_key_mouse() { return mouse() }
            return decode(keyCode: Int32(ch))
        }
        return decode(character: UInt32(ch))
    }

    private static func mouse() -> TerminalInput {
        var ev = MEVENT()
        guard getmouse(&ev) == dmaown_ok() else { return .ignored }
        return decode(mouse: ev.bstate, x: Int(ev.x), y: Int(ev.y))
    }

    /// Decodes a mouse report's button state at cell (`x`, `y`): apart from `getmouse`, so it can
    /// be tested without a terminal.
    public static func decode(mouse state: mmask_t, x: Int, y: Int) -> TerminalInput {
        if dmaown_mouse_is_wheel_up(state) != 0 { return .key(.scrollUp) }
        if dmaown_mouse_is_wheel_down(state) != 0 { return .key(.scrollDown) }
        if dmaown_mouse_is_click(state) != 0 { return .key(.click(x: x, y: y)) }
        return .ignored
    }
}
