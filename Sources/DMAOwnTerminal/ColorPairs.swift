import CNCurses
import DMAOwnTUI

/// The one place where a theme becomes curses attributes and colour pairs, so switching to the
/// themes branch's `style(for:depth:)` touches only this file.
struct ColorPairs {
    /// A role as curses draws it.
    struct CursesStyle: Equatable {
        var attributes: attr_t
        var pair: Int32
    }

    private(set) var theme: Theme
    /// What the terminal (capped by the user's choice) can show; `.monochrome` means attributes only.
    let depth: ColorDepth
    private var pairs: [PairKey: Int32] = [:]
    private var styles: [Role: CursesStyle] = [:]
    private let maxPairs: Int32
    /// The colours the terminfo entry has: 8 means the bright half of the 16 must be folded down.
    private let terminalColors: Int

    private struct PairKey: Hashable { var fg: Int32; var bg: Int32 }

    init(theme: Theme, depth: ColorDepth, terminalColors: Int = Int(dmaown_colors())) {
        self.theme = theme
        self.depth = depth
        self.terminalColors = terminalColors
        maxPairs = depth == .monochrome ? 0 : Int32(dmaown_color_pairs())
    }

    /// Switches theme; pairs are reallocated lazily from 1, and the caller repaints everything.
    mutating func apply(_ theme: Theme) {
        self.theme = theme
        pairs = [:]
        styles = [:]
    }

    /// The curses attributes and pair for `role`, allocating the pair on first use.
    mutating func style(for role: Role) -> CursesStyle {
        if let s = styles[role] { return s }
        let cell = Self.cellStyle(theme, role, depth)
        var s = CursesStyle(attributes: Self.attributes(cell.attributes), pair: 0)
        if depth != .monochrome {
            var fg = CursesColor.number(cell.foreground, depth: depth)
            var bg = CursesColor.number(cell.background, depth: depth)
            if depth == .ansi16 && terminalColors < 16 { (fg, bg) = CursesColor.folded8(fg: fg, bg: bg) }
            s.pair = pair(fg: fg, bg: bg)
        }
        styles[role] = s
        return s
    }

    /// The theme's style for `role` degraded to `depth` (the themes module owns the quantisation).
    static func cellStyle(_ theme: Theme, _ role: Role, _ depth: ColorDepth) -> CellStyle {
        theme.style(for: role, depth: depth)
    }

    static func attributes(_ a: TextAttributes) -> attr_t {
        var r = dmaown_wa_normal()
        if a.contains(.bold) { r |= dmaown_wa_bold() }
        if a.contains(.dim) { r |= dmaown_wa_dim() }
        if a.contains(.reverse) { r |= dmaown_wa_reverse() }
        if a.contains(.underline) { r |= dmaown_wa_underline() }
        return r
    }

    private mutating func pair(fg: Int32, bg: Int32) -> Int32 {
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        let next = Int32(pairs.count + 1)
        guard next < maxPairs else { return 0 }  // out of pairs: attributes still carry the meaning
        init_extended_pair(next, fg, bg)
        pairs[key] = next
        return next
    }
}

/// Curses colour numbers for theme colours, degraded truecolor → 256 → 16 (pure, so testable).
enum CursesColor {
    /// The colour number to pass to `init_extended_pair`; -1 is the terminal's default.
    static func number(_ c: TerminalColor, depth: ColorDepth) -> Int32 {
        switch (c, depth) {
        case (.terminalDefault, _), (_, .monochrome): return -1
        case (.ansi(let n), .truecolor) where n >= 8: return packed(rgb(ofIndexed: n))
        case (.ansi(let n), _): return Int32(n & 15)
        case (.indexed(let n), .truecolor): return n < 8 ? Int32(n) : packed(rgb(ofIndexed: n))
        case (.indexed(let n), .indexed256): return Int32(n)
        case (.indexed(let n), _): return n < 16 ? Int32(n) : nearest16(rgb(ofIndexed: n))
        case (.rgb(let r, let g, let b), .truecolor): return packed((r, g, b))
        case (.rgb(let r, let g, let b), .indexed256): return cube256((r, g, b))
        case (.rgb(let r, let g, let b), _): return nearest16((r, g, b))
        }
    }

    /// A 16-colour pair for an 8-colour terminal (TERM=xterm, linux): colours 8–15 do not exist
    /// there and a pair naming them fails to black on black. Bright colours fold to their base;
    /// bright black (grey, used for dim text) becomes the terminal's own foreground, and a
    /// foreground folded onto its background gives way to the terminal's own too, so text stays
    /// readable and the attributes carry the rest.
    static func folded8(fg: Int32, bg: Int32) -> (fg: Int32, bg: Int32) {
        func fold(_ n: Int32) -> Int32 { n < 8 ? n : n == 8 ? -1 : n - 8 }
        let b = bg >= 8 ? bg - 8 : bg
        let f = fold(fg)
        return (f == b && f != -1 ? -1 : f, b)
    }

    typealias RGB = (UInt8, UInt8, UInt8)

    static let palette16: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func packed(_ c: RGB) -> Int32 {
        // Direct-colour terminfo sends numbers below 8 as ANSI colours; nudge near-black up one.
        let v = Int32(c.0) << 16 | Int32(c.1) << 8 | Int32(c.2)
        return v < 8 ? 8 : v
    }

    static func rgb(ofIndexed n: UInt8) -> RGB {
        if n < 16 { return palette16[Int(n)] }
        if n >= 232 { let v = UInt8(8 + 10 * (Int(n) - 232)); return (v, v, v) }
        let i = Int(n) - 16
        let level: (Int) -> UInt8 = { $0 == 0 ? 0 : UInt8(55 + 40 * $0) }
        return (level(i / 36), level(i / 6 % 6), level(i % 6))
    }

    static func cube256(_ c: RGB) -> Int32 {
        let step: (UInt8) -> Int = { v in v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let cube = 16 + 36 * step(c.0) + 6 * step(c.1) + step(c.2)
        // A grey is often closer on the 24-step ramp.
        let avg = (Int(c.0) + Int(c.1) + Int(c.2)) / 3
        let grey = avg > 238 ? 255 : avg < 8 ? 16 : 232 + (avg - 8) / 10
        return distance(rgb(ofIndexed: UInt8(grey)), c) < distance(rgb(ofIndexed: UInt8(cube)), c) ? Int32(grey) : Int32(cube)
    }

    static func nearest16(_ c: RGB) -> Int32 {
        var best = 0
        for i in 1..<16 where distance(palette16[i], c) < distance(palette16[best], c) { best = i }
        return Int32(best)
    }

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }
}
