import Testing
import DMAOwnTUI
@testable import DMAOwnTerminal

/// Below the minimum size the terminal says how big it must be.
struct TooSmallScreenTests {
    @Test func appliesOnlyBelowTheMinimumInEitherDimension() {
        let min = Size(width: 80, height: 24)
        #expect(!TooSmallScreen.applies(to: min, minimum: min))
        #expect(TooSmallScreen.applies(to: Size(width: 79, height: 50), minimum: min))
        #expect(TooSmallScreen.applies(to: Size(width: 200, height: 23), minimum: min))
    }

    @Test func namesTheNeededSizeInTheLocalesGlyphs() {
        let small = Size(width: 50, height: 10), min = Size(width: 80, height: 24)
        let unicode = TooSmallScreen.render(size: small, minimum: min, glyphs: .unicode).lines.joined(separator: "\n")
        #expect(unicode.contains("need 80×24") && unicode.contains("50×10"))
        let ascii = TooSmallScreen.render(size: small, minimum: min, glyphs: .ascii).lines.joined(separator: "\n")
        #expect(ascii.contains("need 80x24") && ascii.allSatisfy(\.isASCII))
        // Even a tiny terminal gets something rather than a crash.
        #expect(TooSmallScreen.render(size: Size(width: 3, height: 1), minimum: min, glyphs: .ascii).lines == ["ter"])
    }
}
