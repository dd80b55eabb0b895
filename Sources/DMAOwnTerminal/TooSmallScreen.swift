import DMAOwnTUI

/// What the terminal shows below `App.minimumSize`: a note saying how big it must be, never a crash.
public enum TooSmallScreen {
    /// True when `size` cannot hold the layout.
    public static func applies(to size: Size, minimum: Size = App.minimumSize) -> Bool {
        size.width < minimum.width || size.height < minimum.height
    }

    /// The note, centred as well as the space allows.
    public static func render(size: Size, minimum: Size = App.minimumSize, glyphs: Glyphs) -> CellBuffer {
        // "×" only where the locale can show it.
        let times = glyphs == .unicode ? "×" : "x"
        var buf = CellBuffer(width: size.width, height: size.height)
        let lines = [
            ("terminal too small: need \(minimum.width)\(times)\(minimum.height)", Role.violation),
            ("now \(size.width)\(times)\(size.height); enlarge it, or press q to quit", Role.dimText),
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, (text, role)) in lines.enumerated() {
            let x = max(0, (size.width - text.count) / 2)
            buf.put(text, x: x, y: top + i, role: role)
        }
        return buf
    }
}
