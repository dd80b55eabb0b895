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

    /// Mouse reports: the wheel scrolls, button 1 clicks at its cell, anything else is ignored;
    /// and every event decoded is one the terminal is asked to report.
    @Test func mouseReportsBecomeScrollsAndClicks() {
        #expect(KeyDecoder.decode(mouse: dmaown_button4_pressed(), x: 5, y: 6) == .key(.scrollUp))
        #expect(KeyDecoder.decode(mouse: dmaown_button5_pressed(), x: 5, y: 6) == .key(.scrollDown))
        #expect(KeyDecoder.decode(mouse: dmaown_button1_clicked(), x: 17, y: 3) == .key(.click(x: 17, y: 3)))
        #expect(KeyDecoder.decode(mouse: dmaown_button1_pressed(), x: 0, y: 0) == .key(.click(x: 0, y: 0)))
        #expect(KeyDecoder.decode(mouse: dmaown_button1_released(), x: 17, y: 3) == .ignored)
        #expect(KeyDecoder.decode(mouse: dmaown_button3_clicked(), x: 17, y: 3) == .ignored)
        #expect(KeyDecoder.decode(mouse: 0, x: 17, y: 3) == .ignored)
        for event in [dmaown_button1_clicked(), dmaown_button1_pressed(), dmaown_button4_pressed(), dmaown_button5_pressed()] {
            #expect(dmaown_mouse_mask_wanted() & event == event)
        }
    }
}
