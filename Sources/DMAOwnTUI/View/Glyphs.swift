/// The characters that carry state, with an ASCII set for non-UTF-8 locales.
public struct Glyphs: Sendable, Equatable {
    public var dma: Character
    public var lock: Character
    public var runnable: Character
    public var blocked: Character
    public var done: Character
    public var failed: Character
    public var violation: Character
    public var ok: Character
    public var horizontal: Character
    public var vertical: Character
    public var corners: [Character]  // top-left, top-right, bottom-left, bottom-right
    /// Marks the current step in a step list and the selected row.
    public var cursor: Character
    /// A step in the timeline's thread column.
    public var stepMark: Character
    public var fullBlock: Character
    public var lightBlock: Character

    public static let unicode = Glyphs(dma: "⇄", lock: "◆", runnable: "▶", blocked: "⏸", done: "✔", failed: "✘",
                                       violation: "⚠", ok: "✓", horizontal: "─", vertical: "│", corners: ["┌", "┐", "└", "┘"],
                                       cursor: "›", stepMark: "●", fullBlock: "█", lightBlock: "░")
    /// ASCII stand-ins chosen not to collide: `+` is only a box corner, `>` only the cursor.
    public static let ascii = Glyphs(dma: "~", lock: "#", runnable: "*", blocked: "=", done: "v", failed: "x",
                                     violation: "!", ok: "v", horizontal: "-", vertical: "|", corners: ["+", "+", "+", "+"],
                                     cursor: ">", stepMark: "o", fullBlock: "#", lightBlock: ".")

    /// The character drawn for `c` in this glyph set: in ASCII, punctuation that only exists in
    /// Unicode (an ellipsis in a message, `×`, `→`, dashes) gets the nearest ASCII character, so a
    /// non-UTF-8 terminal never receives bytes it cannot show.
    func drawable(_ c: Character) -> Character {
        guard self == .ascii, !c.isASCII else { return c }
        switch c {
        case "…": return "."
        case "×": return "x"
        case "→", "›", "»", "⇒": return ">"
        case "←", "‹", "«": return "<"
        case "—", "–", "─": return "-"
        case "‘", "’": return "'"
        case "“", "”": return "\""
        default: return "?"
        }
    }
}
