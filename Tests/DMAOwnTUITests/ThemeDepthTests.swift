import Testing
import DMAOwnTUI

@Suite struct ThemeDepthTests {
    @Test(arguments: [
        // COLORTERM alone cannot make curses send RGB through a 256-colour entry (it drew black on black).
        (["COLORTERM": "truecolor"], 256, false, ColorDepth.indexed256),
        (["COLORTERM": "24bit"], 8, false, .ansi16),
        (["COLORTERM": "truecolor"], 256, true, .truecolor),
        ([:], 256, true, .truecolor),
        ([:], 1 << 24, false, .truecolor),
        ([:], 256, false, .indexed256),
        (["COLORTERM": "yes"], 88, false, .ansi16),
        ([:], 8, false, .ansi16),
        ([:], 2, false, .monochrome),
        ([:], -1, false, .monochrome),
        (["NO_COLOR": "1", "COLORTERM": "truecolor"], 256, true, .monochrome),
        (["NO_COLOR": ""], 256, false, .indexed256),
    ] as [([String: String], Int, Bool, ColorDepth)])
    func detect(environment: [String: String], colors: Int, direct: Bool, expected: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment, terminfoColors: colors, directColor: direct) == expected)
    }

    @Test func explicitThemeWinsOverNoColor() {
        let env = ["NO_COLOR": "1"]
        #expect(ColorDepth.detect(environment: env, terminfoColors: 256, directColor: false, explicitTheme: false) == .monochrome)
        #expect(ColorDepth.detect(environment: env, terminfoColors: 256, directColor: false, explicitTheme: true) == .indexed256)
    }
}
