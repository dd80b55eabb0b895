/// Colour words as theme files write them: `#RRGGBB`, the 16 ANSI names, and `default`.
enum ColorName {
    /// The 16 ANSI colour names, in index order.
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                            "bright-black", "bright-red", "bright-green", "bright-yellow",
                            "bright-blue", "bright-magenta", "bright-cyan", "bright-white"]

    /// A literal colour (not a palette name); nil when `text` is not one.
    static func literal(_ text: String) -> TerminalColor? {
        if text == "default" { return .terminalDefault }
        if let i = ansiNames.firstIndex(of: text) { return .ansi(UInt8(i)) }
        return hex(text)
    }

    /// `#RRGGBB`, or nil.
    static func hex(_ text: String) -> TerminalColor? {
        let digits = Array(text.utf8.dropFirst())
        // Hex digits only: `#+fffff` is not a colour (UInt32(_:radix:) would take the sign).
        guard text.hasPrefix("#"), digits.count == 6, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }), let v = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) else { return nil }
        return .rgb(UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
    }

    /// How `dmaown themes` names a colour in plain words.
    static func word(_ color: TerminalColor) -> String {
        switch color {
        case .terminalDefault: "default"
        case .ansi(let n): ansiNames[Int(n & 15)]
        case .indexed(let n): "colour\(n)"
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}
