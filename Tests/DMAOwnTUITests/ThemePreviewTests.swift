import Testing
import DMAOwnTUI

@Suite struct ThemePreviewTests {
    let theme = Theme(name: "p", origin: "test", styles: [
        .title: CellStyle(foreground: .rgb(0x5f, 0xaf, 0xff), attributes: .bold),
        .text: CellStyle(foreground: .ansi(9), background: .indexed(17)),
    ])

    @Test func plainWordsCarryNoEscapes() {
        let line = ThemePreview.line(theme, depth: nil)
        #expect(!line.contains("\u{1b}"))
        #expect(line.hasPrefix("title=#5fafff/default+bold text=bright-red/colour17"))
    }

    @Test func escapesFollowTheDepth() {
        #expect(ThemePreview.line(theme, depth: .truecolor).hasPrefix("\u{1b}[0;1;38;2;95;175;255m title \u{1b}[0m"))
        #expect(ThemePreview.line(theme, depth: .indexed256).hasPrefix("\u{1b}[0;1;38;5;75m title "))
        #expect(ThemePreview.sgr(theme.style(for: .text, depth: .ansi16)) == "\u{1b}[0;91;40m")
        #expect(ThemePreview.sgr(theme.style(for: .title, depth: .monochrome)) == "\u{1b}[0;1m")
    }

    @Test func aScreenChangesStyleOnlyWhereTheRoleChanges() {
        var buffer = CellBuffer(width: 6, height: 1)
        _ = buffer.put("ab", x: 1, y: 0, role: .title)
        let line = ThemePreview.screen(buffer, theme: theme, depth: .indexed256)[0]
        let text = ThemePreview.sgr(theme.style(for: .text, depth: .indexed256))
        let title = ThemePreview.sgr(theme.style(for: .title, depth: .indexed256))
        #expect(line == text + " " + title + "ab" + text + "   " + "\u{1b}[0m")
    }
}
