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
    public static let ascii = Glyphs(dma: "~", lock: "#", runnable: ">", blocked: "=", done: "+", failed: "x",
                                     violation: "!", ok: "v", horizontal: "-", vertical: "|", corners: ["+", "+", "+", "+"],
                                     cursor: ">", stepMark: "*", fullBlock: "#", lightBlock: ".")
}
