/// Quantisation of theme colours to what a terminal can show (truecolor → 256 → 16 → none).
extension TerminalColor {
    /// The standard xterm RGB values of the 16 ANSI colours, used to pick the nearest of them.
    public static let xterm16: [(UInt8, UInt8, UInt8)] = [
        (0x00, 0x00, 0x00), (0xcd, 0x00, 0x00), (0x00, 0xcd, 0x00), (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee), (0xcd, 0x00, 0xcd), (0x00, 0xcd, 0xcd), (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f), (0xff, 0x00, 0x00), (0x00, 0xff, 0x00), (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff), (0xff, 0x00, 0xff), (0x00, 0xff, 0xff), (0xff, 0xff, 0xff),
    ]

    /// The six channel levels of xterm's 6×6×6 colour cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// This colour as a terminal of `depth` can show it; monochrome drops every colour.
    public func degraded(to depth: ColorDepth) -> TerminalColor {
        switch (depth, self) {
        case (.truecolor, _), (_, .terminalDefault): return self
        case (.monochrome, _): return .terminalDefault
        case (.indexed256, .rgb(let r, let g, let b)): return .indexed(Self.nearest256(r, g, b))
        case (.indexed256, _): return self
        case (.ansi16, .ansi): return self
        case (.ansi16, .indexed(let n)) where n < 16: return .ansi(n)
        case (.ansi16, _):
            guard let (r, g, b) = rgbValue else { return self }
            return .ansi(Self.nearest16(r, g, b))
        }
    }

    /// The RGB value a standard xterm shows for this colour; nil for the terminal's own colour.
    public var rgbValue: (UInt8, UInt8, UInt8)? {
        switch self {
        case .terminalDefault: return nil
        case .rgb(let r, let g, let b): return (r, g, b)
        case .ansi(let n): return Self.xterm16[Int(n & 15)]
        case .indexed(let n) where n < 16: return Self.xterm16[Int(n)]
        case .indexed(let n) where n >= 232:
            let v = UInt8(8 + 10 * (Int(n) - 232))
            return (v, v, v)
        case .indexed(let n):
            let i = Int(n) - 16
            return (UInt8(Self.cubeLevels[i / 36]), UInt8(Self.cubeLevels[(i / 6) % 6]), UInt8(Self.cubeLevels[i % 6]))
        }
    }

    /// The nearest xterm-256 index: the nearer of the 6×6×6 cube and the grey ramp (232–255).
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let level = { (c: UInt8) -> Int in cubeLevels.indices.min { abs(cubeLevels[$0] - Int(c)) < abs(cubeLevels[$1] - Int(c)) }! }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = distance((r, g, b), (UInt8(cubeLevels[ri]), UInt8(cubeLevels[gi]), UInt8(cubeLevels[bi])))
        let mean = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = min(23, max(0, (mean - 8 + 5) / 10))
        let greyValue = UInt8(8 + 10 * greyStep)
        let greyDistance = distance((r, g, b), (greyValue, greyValue, greyValue))
        return greyDistance < cubeDistance ? UInt8(232 + greyStep) : UInt8(cube)
    }

    /// The nearest of the 16 ANSI colours by their standard xterm values.
    public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        UInt8(xterm16.indices.min { distance((r, g, b), xterm16[$0]) < distance((r, g, b), xterm16[$1]) }!)
    }

    /// Squared Euclidean distance in RGB: enough to rank candidates.
    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let (dr, dg, db) = (Int(a.0) - Int(b.0), Int(a.1) - Int(b.1), Int(a.2) - Int(b.2))
        return dr * dr + dg * dg + db * db
    }
}
