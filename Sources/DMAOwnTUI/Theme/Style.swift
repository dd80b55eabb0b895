/// A colour as a theme states it; the presenter degrades it to what the terminal can show.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours (0–15).
    case ansi(UInt8)
    /// One of the 256 indexed colours.
    case indexed(UInt8)
    /// 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes, which survive even in monochrome.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
}

/// How a role looks: foreground, background and attributes.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes
    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault, attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

/// How many colours the terminal can show.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    case monochrome, ansi16, indexed256, truecolor
    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

/// A named mapping from every role to a style.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// Where the theme came from (a path, or "built-in").
    public var origin: String
    public var styles: [Role: CellStyle]
    /// Per-role styles for 16-colour terminals, when the theme gives them.
    public var fallback16: [Role: CellStyle]
    /// One line saying what the theme is for, shown by `dmaown themes`.
    public var description: String
    /// Named colours, which themes inheriting this one may use by name.
    public var palette: [String: TerminalColor]
    /// The terminal foreground and background the theme assumes `default` to be (for contrast checks).
    public var terminalForeground: TerminalColor
    /// The terminal background the theme assumes: dark themes assume a dark one.
    public var terminalBackground: TerminalColor

    public init(name: String, origin: String, styles: [Role: CellStyle], fallback16: [Role: CellStyle] = [:],
                description: String = "", palette: [String: TerminalColor] = [:],
                terminalForeground: TerminalColor = .rgb(0xd0, 0xd0, 0xd0), terminalBackground: TerminalColor = .rgb(0x1c, 0x1c, 0x1c)) {
        self.name = name; self.origin = origin; self.styles = styles; self.fallback16 = fallback16
        self.description = description; self.palette = palette
        self.terminalForeground = terminalForeground; self.terminalBackground = terminalBackground
    }

    /// The style for `role`; roles a theme omits fall back to plain text.
    public func style(for role: Role) -> CellStyle { styles[role] ?? styles[.text] ?? CellStyle() }

    /// A minimal built-in theme, used when no theme file can be read: attributes carry everything.
    public static let builtIn = Theme(name: "built-in", origin: "built-in", styles: [
        .text: CellStyle(), .dimText: CellStyle(attributes: .dim), .title: CellStyle(attributes: .bold),
        .border: CellStyle(attributes: .dim), .borderFocused: CellStyle(attributes: .bold),
        .selection: CellStyle(attributes: .reverse), .threadRunnable: CellStyle(attributes: .bold),
        .threadBlocked: CellStyle(attributes: .dim), .threadDone: CellStyle(), .threadFailed: CellStyle(attributes: .bold),
        .resultOK: CellStyle(attributes: .bold), .resultErrno: CellStyle(attributes: [.bold, .underline]),
        .ownerKernel: CellStyle(), .ownerUser: CellStyle(attributes: .bold), .ownerNone: CellStyle(attributes: .dim),
        .domainDefault: CellStyle(), .domainBlocking: CellStyle(attributes: .underline), .domainUser: CellStyle(attributes: .bold),
        .domainNone: CellStyle(attributes: .dim), .dmaActive: CellStyle(attributes: .bold), .lockHeld: CellStyle(attributes: .underline),
        .changed: CellStyle(attributes: [.bold, .underline]), .robinCase: CellStyle(attributes: .reverse),
        .violation: CellStyle(attributes: [.reverse, .bold]), .statusBar: CellStyle(attributes: .reverse), .help: CellStyle(),
    ])
}
