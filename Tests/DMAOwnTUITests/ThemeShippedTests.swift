import Foundation
import Testing
@testable import DMAOwnTUI

/// The themes in the repository's `themes/`: complete, readable, and never carrying state by colour alone.
@Suite struct ThemeShippedTests {
    static let names = ["default", "light", "high-contrast", "colorblind", "monochrome", "nord"]
    /// Roles whose cells are read as words; the borders are line drawing and need only 3:1 (WCAG 1.4.11).
    static let textRoles = Role.allCases.filter { $0 != .border && $0 != .borderFocused }
    /// Roles that tell states of one thing apart: each group must differ by attributes alone.
    static let stateGroups: [[Role]] = [
        [.threadRunnable, .threadBlocked, .threadDone, .threadFailed],
        [.resultOK, .resultErrno],
        [.ownerKernel, .ownerUser, .ownerNone],
        [.domainDefault, .domainBlocking, .domainUser, .domainNone],
    ]

    static func load(_ name: String) throws -> (Theme, [ThemeWarning]) {
        let text = try String(contentsOfFile: ThemeLibraryTests.shippedThemes + "/\(name).toml", encoding: .utf8)
        let parent = name == "default" ? nil : try load("default").0
        return ThemeLoader.parse(text, origin: "\(name).toml", parent: parent)
    }

    @Test func theSixThemesAreShippedAndFound() {
        let found = Set(ThemeLibrary(environment: [:]).entries().map(\.name))
        #expect(Set(Self.names).isSubset(of: found))
    }

    @Test(arguments: names) func loadsCleanlyAndCoversEveryRole(name: String) throws {
        let (theme, warnings) = try Self.load(name)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(theme.name == name)
        #expect(!theme.description.isEmpty)
        #expect(Set(theme.styles.keys) == Set(Role.allCases))
    }

    @Test func defaultDefinesEveryRoleItself() throws {
        let (_, warnings) = ThemeLoader.parse(try String(contentsOfFile: ThemeLibraryTests.shippedThemes + "/default.toml", encoding: .utf8),
                                              origin: "default.toml", parent: nil)
        #expect(!warnings.contains { $0.kind == .missingRole })
    }

    /// WCAG 2 relative luminance of an sRGB colour.
    static func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
        func channel(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    /// The WCAG contrast ratio of a style, `default` read as the terminal colours the theme assumes;
    /// `dimmed` blends the letters halfway to the background, as terminals draw faint text.
    static func contrast(_ style: CellStyle, in theme: Theme, dimmed: Bool = false) -> Double {
        var fg = (style.foreground == .terminalDefault ? theme.terminalForeground : style.foreground).rgbValue!
        let bg = (style.background == .terminalDefault ? theme.terminalBackground : style.background).rgbValue!
        if dimmed { fg = (UInt8((Int(fg.0) + Int(bg.0)) / 2), UInt8((Int(fg.1) + Int(bg.1)) / 2), UInt8((Int(fg.2) + Int(bg.2)) / 2)) }
        let (a, b) = (luminance(fg), luminance(bg))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    @Test func theContrastFormulaMatchesKnownValues() {
        let theme = Theme.builtIn
        #expect(abs(Self.contrast(CellStyle(foreground: .rgb(0, 0, 0), background: .rgb(255, 255, 255)), in: theme) - 21) < 0.001)
        #expect(abs(Self.contrast(CellStyle(foreground: .rgb(0x77, 0x77, 0x77), background: .rgb(255, 255, 255)), in: theme) - 4.48) < 0.01)
    }

    @Test(arguments: names) func textRolesKeep4Point5To1(name: String) throws {
        let theme = try Self.load(name).0
        for depth in [ColorDepth.truecolor, .indexed256, .ansi16] {
            for role in Role.allCases {
                let ratio = Self.contrast(theme.style(for: role, depth: depth), in: theme)
                // At 16 colours the terminal's own palette decides; read with xterm's values, words keep 4.5:1 too.
                let needed = Self.textRoles.contains(role) ? 4.5 : 3.0
                #expect(ratio >= needed, "\(name) \(role) at \(depth): \(ratio)")
                // Faint text is still text: halfway to the background it must keep WCAG's 3:1 for large text.
                if Self.textRoles.contains(role), theme.style(for: role).attributes.contains(.dim) {
                    let faint = Self.contrast(theme.style(for: role, depth: depth), in: theme, dimmed: true)
                    #expect(faint >= 3.0, "\(name) \(role) dimmed at \(depth): \(faint)")
                }
            }
        }
    }

    @Test(arguments: names) func statesDifferByAttributesAlone(name: String) throws {
        let theme = try Self.load(name).0
        #expect(!Self.stateGroups.isEmpty, "the loop below checks something")
        for group in Self.stateGroups {
            let looks = group.map { theme.style(for: $0, depth: .monochrome) }
            #expect(Set(looks).count == group.count, "\(name): \(group) look alike without colour")
        }
        for role in [Role.selection, .violation, .title, .changed] {
            #expect(theme.style(for: role, depth: .monochrome) != theme.style(for: .text, depth: .monochrome), "\(name) \(role)")
        }
        #expect(theme.style(for: .violation).attributes.isSuperset(of: [.bold, .reverse]), "\(name)")
    }

    /// A state shown in a clear colour must keep a hue at 16 colours: pastels are nearest to grey, so themes give `[fallback16]`.
    @Test(arguments: names) func colouredStatesKeepAHueAt16Colours(name: String) throws {
        let theme = try Self.load(name).0
        let greys: Set<TerminalColor> = [.ansi(0), .ansi(7), .ansi(8), .ansi(15)]
        let states = Self.stateGroups.flatMap { $0 } + [.dmaActive, .lockHeld, .changed, .robinCase, .violation]
        #expect(states.contains { role in Self.chroma(theme.style(for: role).foreground) > 64 } == (name != "monochrome"), "only monochrome has no clear colour to check")
        for role in states where Self.chroma(theme.style(for: role).foreground) > 64 {
            #expect(!greys.contains(theme.style(for: role, depth: .ansi16).foreground), "\(name) \(role)")
        }
    }

    @Test func monochromeHasNoColour() throws {
        let theme = try Self.load("monochrome").0
        for role in Role.allCases {
            #expect(theme.style(for: role).foreground == .terminalDefault && theme.style(for: role).background == .terminalDefault, "\(role)")
        }
    }

    /// Okabe & Ito (2008): black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
    static let okabeIto: [TerminalColor] = [.rgb(0, 0, 0), .rgb(0xe6, 0x9f, 0), .rgb(0x56, 0xb4, 0xe9), .rgb(0, 0x9e, 0x73),
                                            .rgb(0xf0, 0xe4, 0x42), .rgb(0, 0x72, 0xb2), .rgb(0xd5, 0x5e, 0), .rgb(0xcc, 0x79, 0xa7)]

    /// Hue in degrees, nil for greys.
    static func hue(_ c: TerminalColor) -> Double? {
        guard let (r8, g8, b8) = c.rgbValue else { return nil }
        let (r, g, b) = (Double(r8), Double(g8), Double(b8))
        let hi = max(r, g, b), lo = min(r, g, b)
        guard hi - lo > 16 else { return nil }
        let h: Double = hi == r ? (g - b) / (hi - lo) : hi == g ? 2 + (b - r) / (hi - lo) : 4 + (r - g) / (hi - lo)
        return (h * 60 + 360).truncatingRemainder(dividingBy: 360)
    }

    /// Max minus min channel: how far a colour is from grey.
    static func chroma(_ c: TerminalColor) -> Int {
        guard let (r, g, b) = c.rgbValue else { return 0 }
        return Int(max(r, g, b)) - Int(min(r, g, b))
    }

    @Test func colorblindUsesOnlyOkabeItoAndGreysAndNeverRedAgainstGreen() throws {
        let theme = try Self.load("colorblind").0
        for role in Role.allCases {
            for color in [theme.style(for: role).foreground, theme.style(for: role).background] where Self.hue(color) != nil {
                #expect(Self.okabeIto.contains(color), "\(role): \(color)")
            }
        }
        let isRed = { (h: Double) in h < 30 || h >= 330 }
        let isGreen = { (h: Double) in h >= 75 && h < 165 }
        #expect(!Self.stateGroups.isEmpty, "the loop below checks something")
        for group in Self.stateGroups {
            let hues = group.compactMap { Self.hue(theme.style(for: $0).foreground) }
            #expect(!(hues.contains(where: isRed) && hues.contains(where: isGreen)), "\(group)")
        }
    }

    @Test func lightAndDefaultDrawDifferentColours() throws {
        let (light, dark) = (try Self.load("light").0, try Self.load("default").0)
        #expect(light.style(for: .text, depth: .indexed256) != dark.style(for: .text, depth: .indexed256))
        #expect(Self.luminance(light.terminalBackground.rgbValue!) > 0.5)
        #expect(Self.luminance(dark.terminalBackground.rgbValue!) < 0.1)
    }
}
