import Foundation
import Testing
@testable import DMAOwnTUI
import DMAOwnTestSupport

@Suite struct ThemeLibraryTests {
    /// The repository's own `themes/`, found from this file.
    static let shippedThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized.path

    @Test func aUserThemeShadowsTheShippedOneOfTheSameName() throws {
        let scratch = try Scratch("theme")
        let mine = try scratch.file("config/dmaown/themes/light.toml", "description = \"mine\"\n")
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": scratch.root + "/config"])
        let lights = library.entries().filter { $0.name == "light" }
        #expect(lights.map(\.path) == [mine, "built-in:themes/light.toml"])
        #expect(lights.first?.origin.hasPrefix("user config") == true)
        let (theme, warnings) = library.load("light")
        #expect(warnings.isEmpty)
        #expect(theme.description == "mine")
        #expect(theme.origin == mine)
        // Nothing else stated: inherited from the shipped default.
        #expect(theme.styles == library.load("default").0.styles)
    }

    @Test func homeConfigIsUsedWithoutXDG() throws {
        let scratch = try Scratch("theme")
        try scratch.file("home/.config/dmaown/themes/mine.toml", "description = \"home\"\n")
        let library = ThemeLibrary(environment: ["HOME": scratch.root + "/home"])
        #expect(library.load("mine").0.description == "home")
        #expect(library.names().first == "default")
        #expect(library.names().contains("mine"))
    }

    @Test func dmaownThemeIsHonouredAndAnExplicitNameWins() {
        let library = ThemeLibrary(environment: ["DMAOWN_THEME": "nord"])
        #expect(library.load(nil).0.name == "nord")
        #expect(library.load("light").0.name == "light")
        #expect(ThemeLibrary(environment: [:]).load(nil).0.name == "default")
    }

    @Test func aPathWorksForTheThemeAndForDMAOWN_THEME() throws {
        let scratch = try Scratch("theme")
        let path = try scratch.file("elsewhere/odd.toml", "inherits = \"light\"\ndescription = \"odd\"\n")
        let library = ThemeLibrary(environment: ["DMAOWN_THEME": path])
        #expect(library.load(nil).0.description == "odd")
        #expect(library.load(path).0.style(for: .text) == library.load("light").0.style(for: .text))
        #expect(library.entries().first == ThemeEntry(name: "odd", path: path, origin: "DMAOWN_THEME"))
    }

    /// `t` starts cycling at the theme the UI opened with, and a --theme path stays in the cycle.
    @Test func theCycleStartsAtTheThemeOpened() throws {
        let scratch = try Scratch("theme")
        let path = try scratch.file("elsewhere/odd.toml", "inherits = \"light\"\n")
        let plain = ThemeLibrary(environment: [:])
        func start(_ library: ThemeLibrary, _ explicit: String?) -> (names: [String], current: String) {
            let (theme, warnings) = library.load(explicit)
            let (names, index) = library.cycle(explicit: explicit, selected: theme, warnings: warnings)
            return (names, names[index])
        }
        #expect(start(plain, "light").current == "light")
        #expect(start(plain, nil).current == "default")
        #expect(start(ThemeLibrary(environment: ["DMAOWN_THEME": "nord"]), nil).current == "nord")
        let fromPath = start(plain, path)
        #expect(fromPath.current == path)
        #expect(fromPath.names.first == path && fromPath.names.contains("light"))
        let env = start(ThemeLibrary(environment: ["DMAOWN_THEME": path]), nil)
        #expect(env.current == "odd")
        #expect(env.names.filter { $0 == "odd" || $0 == path }.count == 1)
        #expect(start(plain, "no-such-theme").current == "default")
    }

    /// A theme file that exists but cannot be read is not reported as missing.
    @Test func anUnreadableThemeIsNotCalledMissing() throws {
        let scratch = try Scratch("theme")
        // A folder named like a theme file: it exists, and no one (not even root) can read it as text.
        let path = scratch.root + "/bad.toml"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let (theme, warnings) = ThemeLibrary(environment: [:]).load(path)
        #expect(theme.name == "default")
        #expect(warnings.map(\.kind) == [.unreadable])
        #expect(warnings.first?.description.contains("using 'default'") == true)
    }

    @Test func anUnknownThemeWarnsAndFallsBackToDefault() {
        let library = ThemeLibrary(environment: [:])
        let (theme, warnings) = library.load("no-such-theme")
        #expect(theme.name == "default")
        #expect(warnings.map(\.kind) == [.notFound])
    }

    @Test func anInheritanceCycleIsReportedWithFileAndLine() throws {
        let scratch = try Scratch("theme")
        let a = try scratch.file("cfg/dmaown/themes/a.toml", "inherits = \"b\"\n[roles]\ntext = { fg = \"red\" }\n")
        let b = try scratch.file("cfg/dmaown/themes/b.toml", "description = \"b\"\n\ninherits = \"a\"\n")
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": scratch.root + "/cfg"])
        let (theme, warnings) = library.load("a")
        #expect(warnings.map(\.kind) == [.inheritanceCycle])
        #expect(warnings.first?.description == "\(b):3: inheritance cycle a → b → a; 'inherits' ignored")
        #expect(!warnings.contains { $0.file == a })
        #expect(theme.style(for: .text) == CellStyle(foreground: .ansi(1)))
        #expect(theme.style(for: .violation) == library.load("default").0.style(for: .violation))
    }

    @Test func anUnknownParentIsReportedAndDefaultInherited() throws {
        let scratch = try Scratch("theme")
        let c = try scratch.file("cfg/dmaown/themes/c.toml", "name = \"c\"\ninherits = \"missing\"\n")
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": scratch.root + "/cfg"])
        let (theme, warnings) = library.load("c")
        #expect(warnings.map(\.kind) == [.unknownParent])
        #expect(warnings.first?.description.hasPrefix("\(c):2: unknown parent theme 'missing'") == true)
        #expect(theme.styles == library.load("default").0.styles)
    }

    /// Every file in the top-level `themes/` is built in, byte for byte, and nothing else is:
    /// a theme added as a file but not listed in `BuiltinThemes.all` (or the reverse) fails here.
    @Test func theBuiltInThemesAreTheThemesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.shippedThemes).filter { $0.hasSuffix(".toml") }
        #expect(!files.isEmpty)
        #expect(Set(files) == Set(BuiltinThemes.all.map { "\($0.name).toml" }))
        #expect(!BuiltinThemes.all.isEmpty, "the loop below checks something")
        for builtIn in BuiltinThemes.all {
            let onDisk = try String(contentsOfFile: Self.shippedThemes + "/\(builtIn.name).toml", encoding: .utf8)
            #expect(onDisk == builtIn.text, "\(builtIn.name): the embedded text differs from themes/\(builtIn.name).toml")
        }
    }

    /// With no user folder, every theme comes from the binary itself: no source tree is consulted.
    @Test func withoutAUserFolderThemesComeFromTheBinary() {
        let library = ThemeLibrary(environment: ["HOME": "/nonexistent/home"])
        #expect(library.directories.isEmpty)
        let entries = library.entries()
        #expect(entries.map(\.name) == BuiltinThemes.all.map(\.name))
        #expect(entries.allSatisfy { $0.origin == ThemeLibrary.builtInOrigin && $0.path.hasPrefix("built-in:") })
        let (nord, warnings) = library.load("nord")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(nord.name == "nord")
        #expect(nord.origin == "built-in:themes/nord.toml")
        #expect(nord.styles != library.load("default").0.styles)
    }

    /// A user's `default.toml` shadows the built-in default, which stays listed after it.
    @Test func aUserDefaultShadowsTheBuiltInOne() throws {
        let scratch = try Scratch("theme")
        try scratch.file("cfg/dmaown/themes/default.toml", "[roles]\nhelp = { fg = \"red\" }\n")
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": scratch.root + "/cfg"])
        let (theme, _) = library.load("default")
        #expect(theme.style(for: .help) == CellStyle(foreground: .ansi(1)))
        #expect(library.entries().filter { $0.name == "default" }.map(\.path)
                == [scratch.root + "/cfg/dmaown/themes/default.toml", "built-in:themes/default.toml"])
    }
}
