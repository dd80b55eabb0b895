/// A key or mouse event as the TUI model sees it, independent of ncurses key codes.
public enum KeyEvent: Hashable, Sendable {
    case char(Character)
    /// Ctrl plus a letter, lower-case: `.ctrl("r")` is Ctrl-R.
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    case function(Int)
    /// A click at a cell (left button).
    case click(x: Int, y: Int)
    case scrollUp, scrollDown
}
