import DMAOwnEngine

/// A terminal-sized grid of cells that pure widgets render into; the presenter diffs two of them
/// and sends only the changed cells (ratatui's `Buffer`).
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell(" ", .text)) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, y >= 0, x < width, y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from (x, y) in `role`, clipped at `maxWidth` columns and the buffer's edge;
    /// returns the column after the last one written. Control and bidi characters from names are
    /// drawn as visible escapes (`\e`), one cell per character, never sent to the terminal raw.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < height else { return x }
        let text = DisplayText.line(text)
        var col = x
        // `x + maxWidth` overflows for the default `.max` (and `&+` wraps negative), so compare first.
        let limit = maxWidth >= width - x ? width : x + maxWidth
        for ch in text {
            if col >= limit { break }
            if col >= 0 { cells[y * width + col] = Cell(ch, role) }
            col += 1
        }
        return col
    }

    /// Writes `text` like `put`, but when it does not fit in `maxWidth` columns it ends in `ellipsis`,
    /// so a cut line says it was cut.
    @discardableResult
    public mutating func putClipped(_ text: String, x: Int, y: Int, role: Role, maxWidth: Int, ellipsis: Character = "…") -> Int {
        let room = min(maxWidth, width - x)
        let text = DisplayText.line(text)
        guard text.count > room, room > 0 else { return put(text, x: x, y: y, role: role, maxWidth: maxWidth) }
        return put(String(text.prefix(room - 1)) + String(ellipsis), x: x, y: y, role: role, maxWidth: maxWidth)
    }

    /// Replaces every cell's character through `transform`, keeping roles.
    public mutating func mapCharacters(_ transform: (Character) -> Character) {
        for i in cells.indices { cells[i].character = transform(cells[i].character) }
    }

    /// The text of row `y`, trailing spaces kept.
    public func line(_ y: Int) -> String { String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }

    /// Every row as text, for snapshot tests.
    public var lines: [String] { (0..<height).map(line) }
}

/// One screen cell: a character and the semantic role it is drawn in. Styles come from the theme.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var role: Role
    public init(_ character: Character, _ role: Role) { self.character = character; self.role = role }
}

/// A terminal size in cells.
public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}
