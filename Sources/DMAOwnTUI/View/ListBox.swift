/// A centred box of lines, some belonging to a selectable entry: the violations list and the
/// branch list draw their entries (each one or more lines) through it.
enum ListBox {
    /// One line of the box and the entry it belongs to, if any.
    typealias Line = (text: String, role: Role, entry: Int?)

    /// Draws `lines` in a box `width` wide, scrolled so the first line of entry `selected` stays in
    /// view when the list is taller than the screen.
    static func draw(_ buf: inout CellBuffer, _ lines: [Line], selected: Int, title: String, width: Int, screen: Size, glyphs: Glyphs) {
        let r = OverlayViews.centred(width: width, height: lines.count + 2, in: screen)
        buf.fill(r, role: .help)
        buf.box(r, title: title, role: .borderFocused, glyphs: glyphs)
        let area = r.inner
        let first = lines.firstIndex { $0.entry == selected } ?? 0
        let offset = scrollOffset(total: lines.count, visible: area.height, focus: first)
        for (i, line) in lines.dropFirst(offset).prefix(area.height).enumerated() {
            buf.putClipped(line.text, x: area.x + 1, y: area.y + i, role: line.role, maxWidth: area.width - 1)
        }
    }
}
