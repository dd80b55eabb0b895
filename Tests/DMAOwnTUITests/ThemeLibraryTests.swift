import Foundation
import Testing
@testable import DMAOwnTUI

/// A temporary folder tree for one test, removed when the test ends.
final class ThemeScratch {
    let root: String
    init() {
        root = FileManager.default.temporaryDirectory.path + "/dmaown-theme-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` at `relative` under the root, creating folders; returns the full path.
    @discardableResult func write(_ relative: String, _ text: String) -> String {
        let path = root + "/" + relative
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

@Suite struct ThemeLibraryTests {
    /// The repository's own `themes/`, found from this file.
    static let shippedThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized.path

    @Test func aUserThemeShadowsTheShippedOneOfTheSameName() throws {
        let scratch = ThemeScratch()
        let mine = scratch.write("config/dmaown/themes/light.toml", "description = \"mine\"\n")
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": scratch.root + "/config"], executablePath: "/nonexistent/bin/dmaown")
        let lights = library.entries().filter { $0.name == "light" }
        #expect(lights.map(\.path) == [mine, Self.shippedThemes + "/light.toml"])
        #expect(lights.first?.origin.hasPrefix("user config") == true)
        let (theme, warnings) = library.load("light")
        #expect(warnings.isEmpty)
        #expect(theme.description == "mine")
        #expect(theme.origin == mine)
        // Nothing else stated: inherited from the shipped default.
        #expect(theme.styles == library.load("default").0.styles)
    }

    @Test func homeConfigIsUsedWithoutXDG() {
        let scratch = ThemeScratch()
        scratch.write("home/.config/dmaown/themes/mine.toml", "description = \"home\"\n")
        let library = ThemeLibrary(environment: ["HOME": scratch.root + "/home"], executablePath: "/nonexistent/bin/dmaown")
        #expect(library.load("mine").0.description == "home")
        #expect(library.names().first == "default")
        #expect(library.names().contains("mine"))
    }

    @Test func dmaownThemeIsHonouredAndAnExplicitNameWins() {
        let library = ThemeLibrary(environment: ["DMAOWN_THEME": "nord"], executablePath: "/nonexistent/bin/dmaown")
        #expect(library.load(nil).0.name == "nord")
        #expect(library.load("light").0.name == "light")
        #expect(ThemeLibrary(environment: [:], executablePath: "/x").load(nil).0.name == "default")
    }

    @Test func aPathWorksForTheThemeAndForDMAOWN_THEME() {
        let scratch = ThemeScratch()
        let path = scratch.write("elsewhere/odd.toml", "inherits = \"light\"\ndescription = \"odd\"\n")
        let library = ThemeLibrary(environment: ["DMAOWN_THEME": path], executablePath: "/x")
        #expect(library.load(nil).0.description == "odd")
        #expect(library.load(path).0.style(for: .text) == library.load("light").0.style(for: .text))
        #expect(library.entries().first == ThemeEntry(name: "odd", path: path, origin: "DMAOWN_THEME"))
    }

    /// `t` starts cycling at the theme the UI opened with, and a --theme path stays in the cycle.
    @Test func theCycleStartsAtTheThemeOpened() {
        let scratch = ThemeScratch()
        let path = scratch.write("elsewhere/odd.toml", "inherits = \"light\"\n")
        let plain = ThemeLibrary(environment: [:], executablePath: "/x")
        func start(_ library: ThemeLibrary, _ explicit: String?) -> (names: [String], current: String) {
            let (theme, warnings) = library.load(explicit)
            let (names, index) = library.cycle(explicit: explicit, selected: theme, warnings: warnings)
            return (names, names[index])
        }
        #expect(start(plain, "light").current == "light")
        #expect(start(plain, nil).current == "default")
        #expect(start(ThemeLibrary(environment: ["DMAOWN_THEME": "nord"], executablePath: "/x"), nil).current == "nord")
        let fromPath = start(plain, path)
        #expect(fromPath.current == path)
        #expect(fromPath.names.first == path && fromPath.names.contains("light"))
        let env = start(ThemeLibrary(environment: ["DMAOWN_THEME": path], executablePath: "/x"), nil)
        #expect(env.current == "odd")
        #expect(env.names.filter { $0 == "odd" || $0 == path }.count == 1)
        #expect(start(plain, "no-such-theme").current == "default")
    }

    /// A theme file that exists but cannot be read is not reported as missing.
    @Test func anUnreadableThemeIsNotCalledMissing() throws {
        let scratch = ThemeScratch()
        // A folder named like a theme file: it exists, and no one (not even root) can read it as text.
        let path = scratch.root + "/bad.toml"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let (theme, warnings) = ThemeLibrary(environment: [:], executablePath: "/x").load(path)
        #expect(theme.name == "default")
        #expect(warnings.map(\.kind) == [.unreadable])
        #expect(warnings.first?.description.contains("using 'default'") == true)
    }

    @Test func anUnknownThemeWarnsAndFallsBackToDefault() {
        let library = ThemeLibrary(environment: [:], executablePath: "/x")
        let (theme, warnings) = library.load("no-such-theme")
        #expect(theme.name == "default")
        #expect(warnings.map(\.kind) == [.notFound])
    }

    @Test func anInheritanceCycleIsReportedWithFileAndLine() {
        let scratch = ThemeScratch()
        let a = scratch.write("cfg/dmaown/themes/a.toml", "inherits = \"b\"\n[roles]\ntext = { fg = \"red\" }\n")
        let b = scratch.write("cfg/dmaown/themes/b.toml", "description = \"b\"\n\ninherits = \"a\"\n")
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": scratch.root + "/cfg"], executablePath: "/x")
        let (theme, warnings) = library.load("a")
        #expect(warnings.map(\.kind) == [.inheritanceCycle])
        #expect(warnings.first?.description == "\(b):3: inheritance cycle a → b → a; 'inherits' ignored")
        #expect(!warnings.contains { $0.file == a })
        #expect(theme.style(for: .text) == CellStyle(foreground: .ansi(1)))
        #expect(theme.style(for: .violation) == library.load("default").0.style(for: .violation))
    }

    @Test func anUnknownParentIsReportedAndDefaultInherited() {
        let scratch = ThemeScratch()
        let c = scratch.write("cfg/dmaown/themes/c.toml", "name = \"c\"\ninherits = \"missing\"\n")
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": scratch.root + "/cfg"], executablePath: "/x")
        let (theme, warnings) = library.load("c")
        #expect(warnings.map(\.kind) == [.unknownParent])
        #expect(warnings.first?.description.hasPrefix("\(c):2: unknown parent theme 'missing'") == true)
        #expect(theme.styles == library.load("default").0.styles)
    }

    @Test func thePackageThemesAreFoundFromABuildFolderExecutable() throws {
        let scratch = ThemeScratch()
        scratch.write("pkg/themes/default.toml", "")
        scratch.write("pkg/.build/x86_64-unknown-linux-gnu/debug/dmaown", "")
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/pkg/.build/debug", withDestinationPath: "x86_64-unknown-linux-gnu/debug")
        for exe in ["pkg/.build/x86_64-unknown-linux-gnu/debug/dmaown", "pkg/.build/debug/dmaown"] {
            let library = ThemeLibrary(environment: [:], executablePath: scratch.root + "/" + exe, sourceFile: "/nonexistent/a/b/c.swift")
            #expect(library.directories.map(\.path) == [ThemeLibrary.resolvingSymlinks(scratch.root + "/pkg/themes")], "\(exe)")
        }
    }

    @Test func anInstalledBinaryFindsShareDmaownThemes() {
        let scratch = ThemeScratch()
        scratch.write("prefix/share/dmaown/themes/default.toml", "")
        scratch.write("prefix/bin/dmaown", "")
        let library = ThemeLibrary(environment: [:], executablePath: scratch.root + "/prefix/bin/dmaown", sourceFile: "/nonexistent/a/b/c.swift")
        #expect(library.directories.map(\.path) == [ThemeLibrary.resolvingSymlinks(scratch.root + "/prefix/share/dmaown/themes")])
        #expect(library.directories.first?.origin.hasPrefix("installed") == true)
    }

    @Test func theSourceTreeIsTheLastResort() {
        let library = ThemeLibrary(environment: [:], executablePath: "/nonexistent/bin/dmaown")
        #expect(library.directories.map(\.path) == [Self.shippedThemes])
        #expect(library.directories.first?.origin.hasPrefix("source tree") == true)
    }
}
