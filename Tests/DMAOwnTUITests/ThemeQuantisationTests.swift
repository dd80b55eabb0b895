import Testing
@testable import DMAOwnTUI

/// Expected values worked out by hand from xterm's cube levels (0,95,135,175,215,255), grey ramp 8+10i and 16 ANSI values.
@Suite struct ThemeQuantisationTests {
    @Test(arguments: [
        ((0xff, 0x00, 0x00), 196),  // cube (5,0,0): 16+180
        ((0x80, 0x80, 0x80), 244),  // grey 128 = 8+10·12 beats cube 135 (102)
        ((0x5f, 0x87, 0xaf), 67),   // cube (1,2,3) exactly: 16+36+12+3
        ((0x00, 0x00, 0x00), 16),   // cube black beats grey 8
        ((0xff, 0xff, 0xff), 231),  // cube white beats grey 238
        ((0x3a, 0x3a, 0x3a), 237),  // grey 58 exactly; cube would be 95 (59)
        ((0x5f, 0x5f, 0x5f), 59),   // cube (1,1,1) exactly beats grey 98 (241)
        ((0x76, 0x76, 0x76), 243),  // grey 118 exactly
    ] as [((Int, Int, Int), Int)])
    func nearest256(rgb: (Int, Int, Int), expected: Int) {
        let color = TerminalColor.rgb(UInt8(rgb.0), UInt8(rgb.1), UInt8(rgb.2))
        #expect(color.degraded(to: .indexed256) == .indexed(UInt8(expected)))
    }

    @Test(arguments: [
        ((0xff, 0x00, 0x00), 9),   // exactly bright red
        ((0x80, 0x00, 0x00), 1),   // 77 from red cd0000, 128 from black
        ((0x80, 0x80, 0x80), 8),   // 1 from 7f7f7f in each channel
        ((0xc0, 0xc0, 0xc0), 7),   // 37 from e5e5e5 per channel, 65 from 7f7f7f
        ((0x00, 0x00, 0x80), 4),   // 110 from 0000ee, 128 from black
        ((0x2e, 0x34, 0x40), 0),   // nord0 → black
    ] as [((Int, Int, Int), Int)])
    func nearest16(rgb: (Int, Int, Int), expected: Int) {
        let color = TerminalColor.rgb(UInt8(rgb.0), UInt8(rgb.1), UInt8(rgb.2))
        #expect(color.degraded(to: .ansi16) == .ansi(UInt8(expected)))
    }

    @Test func indexedColoursDegradeThroughTheirRGB() {
        #expect(TerminalColor.indexed(196).degraded(to: .ansi16) == .ansi(9))
        #expect(TerminalColor.indexed(3).degraded(to: .ansi16) == .ansi(3))
        #expect(TerminalColor.indexed(67).rgbValue.map { $0 == (95, 135, 175) } == true)
        #expect(TerminalColor.indexed(244).rgbValue.map { $0 == (128, 128, 128) } == true)
    }

    @Test func monochromeDropsColourAndTruecolorKeepsIt() {
        for color in [TerminalColor.rgb(1, 2, 3), .ansi(4), .indexed(200), .terminalDefault] {
            #expect(color.degraded(to: .monochrome) == .terminalDefault)
            #expect(color.degraded(to: .truecolor) == color)
        }
        #expect(TerminalColor.ansi(5).degraded(to: .indexed256) == .ansi(5))
    }

    @Test func themeStyleUsesFallback16AndKeepsAttributesInMonochrome() {
        let theme = Theme(name: "t", origin: "test",
                          styles: [.title: CellStyle(foreground: .rgb(0x5f, 0xaf, 0xff), attributes: .bold)],
                          fallback16: [.title: CellStyle(foreground: .ansi(12), attributes: [.bold, .underline])])
        #expect(theme.style(for: .title, depth: .truecolor) == CellStyle(foreground: .rgb(0x5f, 0xaf, 0xff), attributes: .bold))
        #expect(theme.style(for: .title, depth: .indexed256) == CellStyle(foreground: .indexed(75), attributes: .bold))
        #expect(theme.style(for: .title, depth: .ansi16) == CellStyle(foreground: .ansi(12), attributes: [.bold, .underline]))
        #expect(theme.style(for: .title, depth: .monochrome) == CellStyle(attributes: .bold))
    }
}
