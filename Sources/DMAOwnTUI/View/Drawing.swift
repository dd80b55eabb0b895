/// Text layout shared by the panes and overlays.
enum Drawing {
    /// Splits `text` at spaces into lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// Small drawing helpers shared by the panes.
extension CellBuffer {
    /// Fills `r` with spaces in `role`.
    mutating func fill(_ r: Rect, role: Role) {
        for y in max(0, r.y)..<min(height, r.maxY) where r.width > 0 {
            for x in max(0, r.x)..<min(width, r.maxX) { self[x, y] = Cell(" ", role) }
        }
    }

    /// Draws a border around `r` with `title` set into the top edge.
    mutating func box(_ r: Rect, title: String, role: Role, titleRole: Role? = nil, glyphs: Glyphs) {
        guard r.width >= 2, r.height >= 2 else { return }
        let h = String(glyphs.horizontal), v = String(glyphs.vertical)
        let c = glyphs.corners
        put(String(c[0]) + String(repeating: h, count: r.width - 2) + String(c[1]), x: r.x, y: r.y, role: role)
        put(String(c[2]) + String(repeating: h, count: r.width - 2) + String(c[3]), x: r.x, y: r.maxY - 1, role: role)
        for y in (r.y + 1)..<(r.maxY - 1) {
            put(v, x: r.x, y: y, role: role)
            put(v, x: r.maxX - 1, y: y, role: role)
        }
        if !title.isEmpty && r.width > 4 {
            put(" \(title) ", x: r.x + 1, y: r.y, role: titleRole ?? role, maxWidth: r.width - 2)
        }
    }

    /// Writes `text` inside `r` on row `y`, starting at column `x`, clipped to `r`; returns the next column.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, role: Role, in r: Rect) -> Int {
        guard y >= r.y, y < r.maxY, x < r.maxX else { return x }
        return put(text, x: x, y: y, role: role, maxWidth: r.maxX - x)
    }

    /// `put(_:x:y:role:in:)` that ends a cut text in an ellipsis, so it says it was cut.
    @discardableResult
    mutating func putClipped(_ text: String, x: Int, y: Int, role: Role, in r: Rect) -> Int {
        guard y >= r.y, y < r.maxY, x < r.maxX else { return x }
        return putClipped(text, x: x, y: y, role: role, maxWidth: r.maxX - x)
    }

    /// Re-roles the cells of row `y` from `x0` to `x1` (exclusive), keeping their characters.
    mutating func paint(y: Int, from x0: Int, to x1: Int, role: Role) {
        guard y >= 0, y < height else { return }
        for x in max(0, x0)..<min(width, x1) { self[x, y] = Cell(self[x, y].character, role) }
    }
}

extension String {
    /// Padded with spaces (or cut) to exactly `n` characters.
    func padded(_ n: Int) -> String {
        let c = count
        return c >= n ? String(prefix(n)) : self + String(repeating: " ", count: n - c)
    }
}
