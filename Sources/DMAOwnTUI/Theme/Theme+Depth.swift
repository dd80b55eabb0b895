/// A theme's styles as a terminal of a given depth can show them.
extension Theme {
    /// The style the presenter draws for `role` at `depth`: the 16-colour fallback when the theme gives one.
    public func style(for role: Role, depth: ColorDepth) -> CellStyle {
        let chosen = depth == .ansi16 ? (fallback16[role] ?? style(for: role)) : style(for: role)
        return CellStyle(foreground: chosen.foreground.degraded(to: depth),
                         background: chosen.background.degraded(to: depth),
                         attributes: chosen.attributes)
    }
}
