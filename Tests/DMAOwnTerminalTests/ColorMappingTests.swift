import Testing
import DMAOwnTUI
@testable import DMAOwnTerminal

/// Theme colours degrade truecolor → 256 → 16 → none.
struct ColorMappingTests {
    @Test func defaultsStayDefaultAndMonochromeHasNoColour() {
        for d in ColorDepth.allCases { #expect(CursesColor.number(.terminalDefault, depth: d) == -1) }
        #expect(CursesColor.number(.rgb(200, 10, 10), depth: .monochrome) == -1)
    }

    @Test func rgbDegradesToTheNearestColourAtEachDepth() {
        #expect(CursesColor.number(.rgb(255, 0, 0), depth: .ansi16) == 9)
        #expect(CursesColor.number(.rgb(0, 0, 0), depth: .ansi16) == 0)
        #expect(CursesColor.number(.rgb(255, 0, 0), depth: .indexed256) == 196)
        #expect(CursesColor.number(.rgb(128, 128, 128), depth: .indexed256) == 244)
        #expect(CursesColor.number(.rgb(0x12, 0x34, 0x56), depth: .truecolor) == 0x123456)
    }

    @Test func indexedColoursSurviveWhereTheyCanAndDegradeWhereNot() {
        #expect(CursesColor.number(.indexed(196), depth: .indexed256) == 196)
        #expect(CursesColor.number(.indexed(196), depth: .ansi16) == 9)
        #expect(CursesColor.number(.indexed(4), depth: .ansi16) == 4)
        #expect(CursesColor.number(.ansi(12), depth: .indexed256) == 12)
    }

    /// On an 8-colour terminal the bright half folds down, and nothing folds onto its own background.
    @Test func eightColourTerminalsFoldTheBrightHalf() {
        #expect(CursesColor.folded8(fg: 9, bg: -1) == (1, -1), "bright red is red")
        #expect(CursesColor.folded8(fg: 8, bg: -1) == (-1, -1), "grey is the terminal's own foreground")
        #expect(CursesColor.folded8(fg: 0, bg: 15) == (0, 7), "black on bright white is black on white")
        #expect(CursesColor.folded8(fg: 15, bg: 7) == (-1, 7), "bright white on white would vanish")
        #expect(CursesColor.folded8(fg: 4, bg: 0) == (4, 0), "the low eight pass through")
        for fg in Int32(-1)..<16 { for bg in Int32(-1)..<16 {
            let (f, b) = CursesColor.folded8(fg: fg, bg: bg)
            #expect(f < 8 && b < 8 && (f != b || f == -1))
        } }
    }
}
