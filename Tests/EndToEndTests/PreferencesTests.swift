import DMAOwnBench
import DMAOwnTestSupport
import Foundation
import Testing

/// Preferences as a person meets them: a theme remembered with `T` is there on the next start,
/// and a broken file is a warning, never a refusal, with the default theme in use.
@Suite(.needsTmux) struct PreferencesTests {
    /// The TUI in tmux with HOME and XDG folders of its own.
    static func start(_ env: [String: String], args: [String] = []) throws -> Tmux {
        var paneEnv = env
        paneEnv["TERM"] = nil
        paneEnv["PATH"] = nil
        return try Tmux.dmaown(args, env: paneEnv)
    }

    @Test func aRememberedThemeIsUsedOnTheNextStart() throws {
        let scratch = try Scratch("prefs")
        let env = try scratch.emptyHome()
        let config = env["XDG_CONFIG_HOME"]! + "/dmaown/config.toml"
        do {
            let t = try Self.start(env)
            guard t.waitFor(words: "races a VM") else { return }
            t.send("t")
            guard t.waitFor(words: "theme light", "T: remember") else { return }
            t.send("T")
            guard t.waitFor(words: "theme light remembered in") else { return }
            t.send("q")
            #expect(t.waitForExit() == 0)
        }
        let written = try String(contentsOfFile: config, encoding: .utf8)
        #expect(written.contains("theme = \"light\"\n"), "\(written)")
        // The next start is in light: `t` moves on to the theme after it.
        let t = try Self.start(env)
        guard t.waitFor(words: "races a VM") else { return }
        #expect(!t.screen().contains("warning"), "\(t.screen())")
        t.send("t")
        #expect(t.waitFor(words: "theme high-contrast"))
        t.send("q")
        #expect(t.waitForExit() == 0)
    }

    @Test func aCorruptFileIsAWarningAndTheDefaultTheme() throws {
        let scratch = try Scratch("prefs")
        let env = try scratch.emptyHome()
        let dir = env["XDG_CONFIG_HOME"]! + "/dmaown"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "mouse = true\ntheme = [\"nord\"\n".write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
        let t = try Self.start(env)
        guard t.waitFor(words: "races a VM", "warning: \(dir)/config.toml:") else { return }
        // Started in the default theme: `t` moves on to the one after it.
        t.send("t")
        #expect(t.waitFor(words: "theme light"))
        t.send("q")
        #expect(t.waitForExit() == 0)
        // The same warning, one line, is on stderr once the screen is back.
        let lines = t.screen().split(separator: "\n").filter { $0.contains("config.toml") }
        #expect(lines.count == 1 && lines[0].hasPrefix("dmaown: warning: \(dir)/config.toml:2:"), "\(t.screen())")
    }

    /// A theme the file names but nobody has is a warning naming the file, line and value.
    @Test func anUnknownThemeInTheFileIsAWarning() throws {
        let scratch = try Scratch("prefs")
        let env = try scratch.emptyHome()
        let dir = env["XDG_CONFIG_HOME"]! + "/dmaown"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "# mine\ntheme = \"nope\"\nscheme = \"robin\"\n".write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
        let t = try Self.start(env)
        // The status line shows its start; stderr, seen once the screen is back, the whole line.
        guard t.waitFor(words: "races a VM", "config.toml:2:", "robin") else { return }
        t.send("q")
        #expect(t.waitForExit() == 0)
        let unwrapped = t.screen().replacingOccurrences(of: "\n", with: "")
        #expect(unwrapped.contains("dmaown: warning: \(dir)/config.toml:2: theme 'nope' not found (available: default, light,"),
                "\(t.screen())")
    }

    /// Flags and the environment win over the file.
    @Test func theFlagAndDMAOWN_THEMEWinOverTheFile() throws {
        let scratch = try Scratch("prefs")
        var env = try scratch.emptyHome()
        let dir = env["XDG_CONFIG_HOME"]! + "/dmaown"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "theme = \"nord\"\nscheme = \"robin\"\n".write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
        env["DMAOWN_THEME"] = "monochrome"
        let t = try Self.start(env, args: ["--scheme", "v6"])
        guard t.waitFor(words: "races a VM", "v6") else { return }
        t.send("t")
        // After monochrome (DMAOWN_THEME) comes nord; after nord (the file) would be default.
        #expect(t.waitFor(words: "theme nord"))
        t.send("q")
        #expect(t.waitForExit() == 0)
    }
}
