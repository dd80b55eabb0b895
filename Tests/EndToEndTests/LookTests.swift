import DMAOwnBench
import DMAOwnTerminal
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

    @Test(.needsTmux) func theDefaultThemeIsInColour() throws {
        guard let s = try screen() else { return }
        #expect(Self.hasColour(s), "no colour in:\n\(s.prefix(400))")
    }

    @Test(.needsTmux) func noColorLeavesAttributesOnly() throws {
        guard let s = try screen(env: ["NO_COLOR": "1"]) else { return }
        #expect(!Self.hasColour(s), "colour despite NO_COLOR:\n\(s.prefix(400))")
        #expect(s.contains("\u{1B}[7m") || s.contains(";7m"), "reverse video (the status bar) survives NO_COLOR")
    }

    @Test(.needsTmux) func anExplicitThemeWinsOverNoColor() throws {
        guard let s = try screen(env: ["NO_COLOR": "1"], args: ["--theme", "default"]) else { return }
        #expect(Self.hasColour(s))
    }

    @Test(.needsTmux) func aNonUTF8LocaleGetsASCIIGlyphs() throws {
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

    /// The SGR colour codes a screen uses, as a set (which colours, not where).
    static func colourCodes(_ s: String) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
        var codes: Set<String> = []
        for m in regex.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            guard let r = Range(m.range(at: 1), in: s) else { continue }
            let params = s[r].split(separator: ";").map(String.init)
            var i = 0
            while i < params.count {
                if (params[i] == "38" || params[i] == "48"), i + 2 < params.count, params[i + 1] == "5" {
                    codes.insert(params[i...i + 2].joined(separator: ";")); i += 3
                } else if let n = Int(params[i]), (30...37).contains(n) || (40...47).contains(n) || (90...107).contains(n) {
                    codes.insert(params[i]); i += 1
                } else { i += 1 }
            }
        }
        return codes
    }

    /// Two themes really draw in different colours on a terminal, not just in the model.
    @Test(.needsTmux) func lightAndDefaultThemesDrawDifferentColours() throws {
        guard let light = try screen(args: ["--theme", "light"]), let dark = try screen(args: ["--theme", "default"]) else { return }
        let l = try Self.colourCodes(light), d = try Self.colourCodes(dark)
        #expect(!l.isEmpty && !d.isEmpty)
        #expect(l != d, "same colours: \(l.sorted())")
        #expect(l.contains("48;5;231") || l.contains("107") || l.contains("47"), "the light theme paints a light background: \(l.sorted())")
    }

    /// COLORTERM=truecolor on a 256-colour terminal must not draw black on black.
    @Test(.needsTmux) func truecolorHintOnA256ColourTerminalStaysReadable() throws {
        guard let s = try screen(env: ["COLORTERM": "truecolor"], args: ["--theme", "light"]) else { return }
        let codes = try Self.colourCodes(s)
        #expect(codes.count > 3, "hardly any colours: \(codes.sorted())")
        #expect(codes != ["30", "40"], "black on black")
    }
}
