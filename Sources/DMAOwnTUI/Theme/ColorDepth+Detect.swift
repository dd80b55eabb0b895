/// Choosing the colour depth from the environment and the terminfo entry.
extension ColorDepth {
    /// The depth to draw at: a direct-colour terminfo entry → truecolor, terminfo colours → 256/16, NO_COLOR → monochrome.
    public static func detect(environment: [String: String], terminfoColors: Int, directColor: Bool) -> ColorDepth {
        detect(environment: environment, terminfoColors: terminfoColors, directColor: directColor, explicitTheme: false)
    }

    /// As `detect`, but a theme chosen explicitly with `--theme` wins over NO_COLOR.
    public static func detect(environment: [String: String], terminfoColors: Int, directColor: Bool, explicitTheme: Bool) -> ColorDepth {
        if !explicitTheme, let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        // ncurses can only send 24-bit colour through a direct-colour entry (xterm-direct, the RGB
        // flag, reported as 2^24 colours). COLORTERM=truecolor with a 256-colour entry is the usual
        // desktop setup: curses would take packed RGB values as palette numbers it does not have,
        // and every pair would fail to black on black, so that case draws the nearest of 256.
        if directColor || terminfoColors >= 1 << 24 { return .truecolor }
        if terminfoColors >= 256 { return .indexed256 }
        if terminfoColors >= 8 { return .ansi16 }
        return .monochrome
    }
}
