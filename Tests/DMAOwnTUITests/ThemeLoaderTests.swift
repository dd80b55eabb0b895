import Testing
@testable import DMAOwnTUI

/// Each error class: its warning names the file and line, and the inherited style is kept.
@Suite struct ThemeLoaderTests {
    let parent = Theme.builtIn

    func parse(_ text: String) -> (Theme, [ThemeWarning]) { ThemeLoader.parse(text, origin: "themes/t.toml", parent: parent) }

    @Test func readsPaletteRolesAndAttributes() {
        let (theme, warnings) = parse("""
            description = "test"
            [palette]
            sea = "#0000ff"
            [roles]
            text = { fg = "sea", bg = "bright-white", attrs = ["bold", "underline"] }
            title = { fg = "#102030" }
            [roles.violation]
            fg = "red"
            attrs = ["reverse"]
            """)
        #expect(warnings.isEmpty)
        #expect(theme.name == "t")
        #expect(theme.description == "test")
        #expect(theme.style(for: .text) == CellStyle(foreground: .rgb(0, 0, 0xff), background: .ansi(15), attributes: [.bold, .underline]))
        #expect(theme.style(for: .title) == CellStyle(foreground: .rgb(0x10, 0x20, 0x30)))
        #expect(theme.style(for: .violation) == CellStyle(foreground: .ansi(1), attributes: .reverse))
        #expect(theme.style(for: .help) == parent.style(for: .help))
    }

    @Test func syntaxErrorKeepsTheParentAndNamesTheLine() {
        let (theme, warnings) = parse("name = \"t\"\n[roles\ntext = { fg = \"red\" }\n")
        #expect(warnings.map(\.kind) == [.syntax])
        #expect(warnings.first?.line == 2)
        #expect(warnings.first?.description.hasPrefix("themes/t.toml:2: TOML syntax") == true)
        #expect(theme.styles == parent.styles)
    }

    @Test func unknownRoleNamesFileLineAndKey() {
        let (_, warnings) = parse("[roles]\ntext = {}\nthread-blocked = { fg = \"red\" }\n")
        #expect(warnings.count == 1)
        #expect(warnings.first?.kind == .unknownRole)
        #expect(warnings.first?.description == "themes/t.toml:3: unknown role 'thread-blocked'; did you mean 'threadBlocked'?")
    }

    @Test func badColourInheritsTheWholeRole() {
        let (theme, warnings) = parse("[roles]\n\ntitle = { fg = \"#12345\", attrs = [\"underline\"] }\n")
        #expect(warnings.map(\.kind) == [.badColor])
        #expect(warnings.first?.line == 3)
        #expect(warnings.first?.key == "roles.title.fg")
        #expect(warnings.first?.description.contains("'#12345'") == true)
        #expect(theme.style(for: .title) == parent.style(for: .title))
    }

    @Test func unknownPaletteName() {
        let (theme, warnings) = parse("[palette]\nsea = \"#0000ff\"\n[roles]\ntext = { fg = \"see\" }\n")
        #expect(warnings.map(\.kind) == [.unknownPaletteName])
        #expect(warnings.first?.description.hasPrefix("themes/t.toml:4: unknown palette name 'see'") == true)
        #expect(theme.style(for: .text) == parent.style(for: .text))
    }

    @Test func badPaletteColourIsReportedOnceAtItsLine() {
        let (theme, warnings) = parse("[palette]\nsea = \"blue-ish\"\n[roles]\ntext = { fg = \"sea\" }\nhelp = { bg = \"sea\" }\n")
        #expect(warnings.map(\.kind) == [.badColor])
        #expect(warnings.first?.line == 2)
        #expect(theme.style(for: .text) == parent.style(for: .text))
        #expect(theme.style(for: .help) == parent.style(for: .help))
    }

    @Test func ansiNamesCannotBeRedefinedInThePalette() {
        let (theme, warnings) = parse("[palette]\nred = \"#00ff00\"\n[roles]\ntext = { fg = \"red\" }\n")
        #expect(warnings.map(\.kind) == [.badValue])
        #expect(warnings.first?.line == 2)
        #expect(theme.style(for: .text) == CellStyle(foreground: .ansi(1)))
    }

    @Test func subtableKeysAreFoundOnTheirOwnLine() {
        let (_, warnings) = parse("[roles.text]\nattrs = [\"bold\"]\nfg = \"#xyzxyz\"\n")
        #expect(warnings.first?.line == 3)
    }

    @Test func unknownKeysAndAttributesAreReported() {
        let (theme, warnings) = parse("colour = 1\n[roles]\ntext = { fg = \"red\", attrs = [\"blink\"] }\ntitle = { foreground = \"red\" }\n")
        #expect(warnings.map(\.kind) == [.unknownKey, .badValue, .unknownKey])
        #expect(warnings.map(\.line) == [1, 3, 4])
        #expect(theme.style(for: .text) == parent.style(for: .text))
    }

    @Test func withoutAParentEveryMissingRoleIsReported() {
        let (theme, warnings) = ThemeLoader.parse("[roles]\ntext = { fg = \"red\" }\n", origin: "default.toml", parent: nil)
        #expect(warnings.count == Role.allCases.count - 1)
        #expect(warnings.allSatisfy { $0.kind == .missingRole })
        #expect(theme.style(for: .violation) == Theme.builtIn.style(for: .violation))
    }

    @Test func redefiningARoleDropsTheParentsFallback16() {
        var base = parent
        base.fallback16 = [.title: CellStyle(foreground: .ansi(12)), .help: CellStyle(foreground: .ansi(2))]
        let (theme, _) = ThemeLoader.parse("[roles]\ntitle = { fg = \"#ff0000\" }\n", origin: "t.toml", parent: base)
        #expect(theme.fallback16[.title] == nil)
        #expect(theme.fallback16[.help] == CellStyle(foreground: .ansi(2)))
        #expect(theme.style(for: .title, depth: .ansi16).foreground == .ansi(9))
    }

    @Test func theFileNameIsTheThemeName() {
        let (theme, warnings) = parse("description = \"x\"\nname = \"other\"\n")
        #expect(theme.name == "t")
        #expect(warnings.map(\.kind) == [.badValue])
        #expect(warnings.first?.line == 2)
        #expect(ThemeLoader.parse("name = \"n\"", origin: "<stdin>", parent: parent).0.name == "n")
    }

    @Test func inheritsIsReadWithItsLine() {
        let header = ThemeLoader.inherits("name = \"x\"\n\ninherits = \"nord\"\n")
        #expect(header?.name == "nord")
        #expect(header?.line == 3)
    }
}
