import DMAOwnEngine
import DMAOwnScenario
import Testing
@testable import DMAOwnTUI

/// Themes, preferences and course progress read TOML through the same `TOMLDocument` as
/// scenarios, so the shapes toml++ aborts on are refused in each with a line. Before, the
/// preferences and progress readers handed text to TOMLKit unchecked: a `config.toml` holding
/// `[#x]` aborted the TUI at start. An abort kills the test process, so each test here guards
/// that path by surviving as much as by its expectations.
@Suite struct TOMLEntryPointTests {
    /// Shapes from `TOMLAssertionTests`, one per toml++ assertion, on line 2 of each file.
    static let aborting = ["[#roles]\n", "when = 1979-05-27 0\n", "x = [ }\n", "[\n"]

    @Test(arguments: aborting) func themeWarnsWithTheLine(_ bad: String) {
        let (theme, warnings) = ThemeLoader.parse("name = \"t\"\n" + bad, origin: "themes/t.toml", parent: .builtIn)
        #expect(warnings.map(\.kind) == [.syntax])
        #expect(warnings.first?.line == 2)
        #expect(warnings.first?.description.hasPrefix("themes/t.toml:2: TOML syntax: ") == true, "\(warnings)")
        #expect(theme.styles == Theme.builtIn.styles)
        #expect(ThemeLoader.inherits("inherits = \"default\"\n" + bad) == nil)
    }

    @Test(arguments: aborting) func preferencesWarnWithTheLine(_ bad: String) {
        let (p, warnings) = PreferencesFile.parse("mouse = true\n" + bad, file: "c.toml")
        #expect(p == Preferences())
        #expect(warnings.map(\.description).count == 1)
        #expect(warnings.first?.description.hasPrefix("c.toml:2: TOML syntax: ") == true, "\(warnings)")
    }

    @Test func preferencesRefuseANul() {
        let (p, warnings) = PreferencesFile.parse("mouse = true\0\ntheme = \"x\"\n", file: "c.toml")
        #expect(p == Preferences())
        #expect(warnings.first?.line == 1)
    }

    @Test(arguments: aborting) func progressWarnsWithTheLine(_ bad: String) {
        let (progress, warning) = CourseProgress.parse("# progress\n" + bad, file: "p.toml")
        #expect(progress == CourseProgress())
        #expect(warning?.hasPrefix("p.toml:2: not valid TOML") == true, "\(warning ?? "no warning")")
    }
}
