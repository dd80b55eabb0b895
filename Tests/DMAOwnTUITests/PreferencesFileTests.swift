import DMAOwnEngine
import Testing
@testable import DMAOwnTUI

/// The preferences file: read like every other file (problems are warnings naming the file, line
/// and value, and the value is left out), and updated by `T` without losing what a person wrote.
@Suite struct PreferencesFileTests {
    @Test func aGoodFileIsRead() {
        let (p, warnings) = PreferencesFile.parse("theme = \"nord\"\nscheme = \"robin\"\nmouse = true\n", file: "c.toml")
        #expect(warnings.isEmpty)
        #expect(p == Preferences(theme: "nord", scheme: .robin, mouse: true))
    }

    @Test func badValuesAreWarningsWithTheirLineAndAreLeftOut() {
        let text = "# mine\ntheme = 3\nscheme = \"robinn\"\nmouse = \"yes\"\ncolour = true\n"
        let (p, warnings) = PreferencesFile.parse(text, file: "c.toml")
        #expect(p == Preferences())
        #expect(warnings.map(\.description) == [
            "c.toml:2: theme must be a theme name or path in quotes, not 3; ignored",
            "c.toml:3: unknown scheme \"robinn\" (expected one of: \(SchemeID.allCases.map(\.rawValue).joined(separator: ", "))); ignored",
            "c.toml:4: mouse must be true or false, not \"yes\"; ignored",
            "c.toml:5: unknown key 'colour' (known: theme, scheme, mouse); ignored",
        ])
    }

    @Test func badTOMLIsOneWarningWithItsLine() {
        let (p, warnings) = PreferencesFile.parse("mouse = true\ntheme = [\n", file: "c.toml")
        #expect(p == Preferences())
        #expect(warnings.count == 1)
        #expect(warnings.first?.description.hasPrefix("c.toml:") == true)
        #expect(warnings.first?.description.contains("TOML syntax") == true)
        #expect(warnings.first?.description.contains("\n") == false)
    }

    @Test func rememberingTheThemeKeepsTheRestOfTheFile() {
        let text = "# my settings\nmouse = true   # I like it\ntheme = \"light\"\n"
        let updated = PreferencesFile.settingTheme("nord", in: text)
        #expect(updated == "# my settings\nmouse = true   # I like it\ntheme = \"nord\"\n")
        #expect(PreferencesFile.parse(updated, file: "c").0 == Preferences(theme: "nord", mouse: true))
    }

    @Test func rememberingAddsTheThemeBeforeAnyTableAndQuotesIt() {
        let added = PreferencesFile.settingTheme("/home/me/odd \"one\".toml", in: "mouse = false\n")
        #expect(PreferencesFile.parse(added, file: "c").0 == Preferences(theme: "/home/me/odd \"one\".toml", mouse: false))
        let fresh = PreferencesFile.settingTheme("light", in: nil)
        #expect(PreferencesFile.parse(fresh, file: "c").0 == Preferences(theme: "light"))
    }

    @Test func thePathFollowsXDG() {
        #expect(PreferencesFile.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/dmaown/config.toml")
        #expect(PreferencesFile.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/dmaown/config.toml")
        #expect(PreferencesFile.path(environment: [:]) == nil)
    }

    /// `t` offers to remember the theme; `T` asks the shell to write it.
    @Test func tOffersAndTRemembers() throws {
        var s = Fixture.state(themes: ["default", "nord"])
        let effects = App.update(&s, .key(.char("t")))
        #expect(effects == [.applyTheme("nord")])
        #expect(s.message?.text.contains("T: remember") == true)
        #expect(App.update(&s, .key(.char("T"))) == [.rememberTheme("nord")])
        App.update(&s, .themeRemembered(theme: "nord", path: "/c/config.toml", error: nil))
        #expect(s.message?.text == "theme nord remembered in /c/config.toml")
    }
}
