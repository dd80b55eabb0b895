import CNCurses
import Testing
import DMAOwnTUI
@testable import DMAOwnTerminal

/// `get_wch` results become the model's key events.
struct KeyDecoderTests {
    @Test func controlCharactersBecomeNamedKeys() {
        #expect(KeyDecoder.decode(character: 13) == .key(.enter))
        #expect(KeyDecoder.decode(character: 10) == .key(.enter))
        #expect(KeyDecoder.decode(character: 9) == .key(.tab))
        #expect(KeyDecoder.decode(character: 27) == .key(.escape))
        #expect(KeyDecoder.decode(character: 127) == .key(.backspace))
        #expect(KeyDecoder.decode(character: 18) == .key(.ctrl("r")))
        #expect(KeyDecoder.decode(character: 12) == .key(.ctrl("l")))
    }

    @Test func printableAndWideCharactersPassThrough() {
        #expect(KeyDecoder.decode(character: UInt32(UInt8(ascii: "q"))) == .key(.char("q")))
        #expect(KeyDecoder.decode(character: 0x00E9) == .key(.char("é")))
        #expect(KeyDecoder.decode(character: 0xD800) == .ignored)
    }

    @Test func keyCodesBecomeNamedKeys() {
        #expect(KeyDecoder.decode(keyCode: dmaown_key_up()) == .key(.up))
        #expect(KeyDecoder.decode(keyCode: dmaown_key_npage()) == .key(.pageDown))
        #expect(KeyDecoder.decode(keyCode: dmaown_key_btab()) == .key(.backTab))
        #expect(KeyDecoder.decode(keyCode: dmaown_key_f0() + 1) == .key(.function(1)))
        #expect(KeyDecoder.decode(keyCode: dmaown_key_resize()) == .resize)
        #expect(KeyDecoder.decode(keyCode: dmaown_key_backspace()) == .key(.backspace))
    }
}
