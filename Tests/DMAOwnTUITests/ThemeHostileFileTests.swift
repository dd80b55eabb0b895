import Foundation
import Testing
@testable import DMAOwnTUI
import DMAOwnTestSupport

/// Issue 16's classes in theme files: a NUL is an error with its line (not the silent end of the
/// file), colours are parsed strictly, and a warning never carries a raw control character.
@Suite struct ThemeHostileFileTests {
    @Test func aNulIsAnUnreadableFileWithItsLine() throws {
        let scratch = try Scratch("theme")
        let path = try scratch.file("t.toml", "name = \"t\"\n[roles]\ntext = { fg = \"red\" }\n\0\nbogus_role = { fg = \"red\" }\n")
        let library = ThemeLibrary(environment: [:])
        let (theme, warnings) = library.load(path)
        #expect(theme.name == "default")
        #expect(warnings.map(\.kind) == [.unreadable], "\(warnings)")
        #expect(warnings.first?.line == 4)
        #expect(warnings.first?.message.contains("NUL") == true)
    }

    @Test(arguments: ["#+fffff", "#-fffff", "# fffff", "#0x0fff", "#fffffg"])
    func aSignedOrMalformedColourIsNotAColour(_ colour: String) {
        #expect(ColorName.hex(colour) == nil)
    }

    @Test func aHexColourStillReads() {
        #expect(ColorName.hex("#0a0B0c") == .rgb(10, 11, 12))
    }

    /// An unknown role carrying an OSC sequence (which retitled the terminal) is escaped.
    @Test func aWarningEscapesControlCharacters() throws {
        let scratch = try Scratch("theme")
        let path = try scratch.file("t.toml", "[roles]\n\"x\\u001b]0;pwned\\u0007\" = { fg = \"red\" }\n")
        let (_, warnings) = ThemeLibrary(environment: [:]).load(path)
        #expect(!warnings.isEmpty)
        for w in warnings { #expect(!w.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(w)") }
        #expect(warnings.contains { $0.description.contains("\\e]0;pwned") && $0.line == 2 }, "\(warnings)")
    }
}
