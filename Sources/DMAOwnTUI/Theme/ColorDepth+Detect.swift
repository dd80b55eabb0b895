/// Choosing the colour depth from the environment and the terminfo entry.
extension ColorDepth {
    /// The depth to draw at: COLORTERM or direct colour → truecolor, terminfo colours → 256/16, NO_COLOR → monochrome.
    public static func detect(environment: [String: String], terminfoColors: Int, directColor: Bool) -> ColorDepth {
        detect(environment: environment, terminfoColors: terminfoColors, directColor: directColor, explicitTheme: false)
    }

    /// As `detect`, but a theme chosen explicitly with `--theme` wins over NO_COLOR.
    public static func detect(environment: [String: String], terminfoColors: Int, directColor: Bool, explicitTheme: Bool) -> ColorDepth {
        if !explicitTheme, let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let colorterm = environment["COLORTERM"]?.lowercased()
        // ncurses reports a direct-colour entry (xterm-direct) as 2^24 colours.
        if colorterm == "truecolor" || colorterm == "24bit" || directColor || terminfoColors >= 1 << 24 { return .truecolor }
        if terminfoColors >= 256 { return .indexed256 }
        if terminfoColors >= 8 { return .ansi16 }
        return .monochrome
    }
}
