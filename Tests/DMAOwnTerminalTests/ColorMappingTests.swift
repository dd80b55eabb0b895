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
}
