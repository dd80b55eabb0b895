import Foundation
import Testing

/// Colour, NO_COLOR and the locale: state never depends on colour, and colour goes when asked.
@Suite struct LookTests {
    static let title = "races a VM"

    /// SGR foreground colours (`38;5;N`, `38;2;R;G;B`, `3N`) in the captured screen.
    static func hasColour(_ s: String) -> Bool {
        s.contains("38;5;") || s.contains("38;2;") || s.range(of: "\u{1B}\\[(?:[0-9;]*;)?3[0-7](?:;|m)", options: .regularExpression) != nil
    }

    func screen(env: [String: String] = [:], args: [String] = []) throws -> String? {
        let t = try Tmux.dmaown(args, env: env)
        guard t.waitFor(words: Self.title) else { return nil }
        return t.screenWithEscapes()
    }

    @Test func theDefaultThemeIsInColour() throws {
        guard let s = try screen() else { return }
        #expect(Self.hasColour(s), "no colour in:\n\(s.prefix(400))")
    }

    @Test func noColorLeavesAttributesOnly() throws {
        guard let s = try screen(env: ["NO_COLOR": "1"]) else { return }
        #expect(!Self.hasColour(s), "colour despite NO_COLOR:\n\(s.prefix(400))")
        #expect(s.contains("\u{1B}[7m") || s.contains(";7m"), "reverse video (the status bar) survives NO_COLOR")
    }

    @Test func anExplicitThemeWinsOverNoColor() throws {
        guard let s = try screen(env: ["NO_COLOR": "1"], args: ["--theme", "default"]) else { return }
        #expect(Self.hasColour(s))
    }

    @Test func aNonUTF8LocaleGetsASCIIGlyphs() throws {
        let t = try Tmux.dmaown(env: ["LANG": "C", "LC_ALL": "C"])
        guard t.waitFor(words: Self.title) else { return }
        let s = t.screen()
        let nonASCII = s.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "non-ASCII on screen:\n\(s)")
        #expect(s.contains("isolation"), "state is still shown in words")
    }

    @Test func anUnknownThemeIsOneLineAndExitTwo() throws {
        let r = Subprocess.run([Binary.path, "--theme", "no-such-theme"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("no-such-theme"), "\(r.stderr)")
    }
}
