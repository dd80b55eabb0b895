/// Samples of a theme for `dmaown themes`: SGR escapes for a terminal, plain words otherwise.
public enum ThemePreview {
    /// The roles the one-line preview shows, each with a word that says what it stands for.
    public static let sampleRoles: [(Role, String)] = [
        (.title, "title"), (.text, "text"), (.dimText, "dim"), (.threadRunnable, "runnable"), (.threadBlocked, "blocked"),
        (.threadDone, "done"), (.threadFailed, "failed"), (.resultErrno, "-EBUSY"), (.ownerUser, "user"),
        (.dmaActive, "DMA"), (.lockHeld, "lock"), (.violation, "violation"),
    ]

    /// One line of samples: coloured with escapes at `depth`, or `nil` depth for plain words naming the colours.
    public static func line(_ theme: Theme, depth: ColorDepth?) -> String {
        guard let depth else {
            return sampleRoles.prefix(6).map { role, word in "\(word)=\(describe(theme.style(for: role)))" }.joined(separator: " ")
        }
        return sampleRoles.map { role, word in sgr(theme.style(for: role, depth: depth)) + " \(word) " + "\u{1b}[0m" }.joined()
    }

    /// Every role, one per line, for judging a whole theme.
    public static func swatch(_ theme: Theme, depth: ColorDepth?) -> [String] {
        Role.allCases.map { role in
            let name = role.rawValue.padding(14)
            guard let depth else { return "\(name) \(describe(theme.style(for: role)))" }
            let style = theme.style(for: role, depth: depth)
            return "\(name) " + sgr(theme.style(for: .text, depth: depth)) + " " + sgr(style) + " sample 0 -EBUSY ▶⏸✔✘ " + "\u{1b}[0m" + " \(describe(style))"
        }
    }

    /// A rendered TUI screen in a theme, as lines with SGR escapes: the whole UI, to judge a theme in place.
    public static func screen(_ buffer: CellBuffer, theme: Theme, depth: ColorDepth) -> [String] {
        (0..<buffer.height).map { y in
            var line = ""
            var current: Role?
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.role != current { line += sgr(theme.style(for: cell.role, depth: depth)); current = cell.role }
                line.append(cell.character)
            }
            return line + "\u{1b}[0m"
        }
    }

    /// A style in words: `fg/bg +attrs`.
    public static func describe(_ style: CellStyle) -> String {
        var s = ColorName.word(style.foreground) + "/" + ColorName.word(style.background)
        let attrs: [(TextAttributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline")]
        for (a, word) in attrs where style.attributes.contains(a) { s += "+" + word }
        return s
    }

    /// The SGR escape that draws `style` (already degraded to the terminal's depth).
    public static func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        let attrs: [(TextAttributes, String)] = [(.bold, "1"), (.dim, "2"), (.underline, "4"), (.reverse, "7")]
        for (a, code) in attrs where style.attributes.contains(a) { codes.append(code) }
        codes += colorCodes(style.foreground, base: 30)
        codes += colorCodes(style.background, base: 40)
        return "\u{1b}[" + codes.joined(separator: ";") + "m"
    }

    static func colorCodes(_ color: TerminalColor, base: Int) -> [String] {
        switch color {
        case .terminalDefault: []
        case .ansi(let n): [String(n < 8 ? base + Int(n) : base + 60 + Int(n) - 8)]
        case .indexed(let n): [String(base + 8), "5", String(n)]
        case .rgb(let r, let g, let b): [String(base + 8), "2", String(r), String(g), String(b)]
        }
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
