import DMAOwnBench
import DMAOwnTestSupport
import Foundation
import Testing

/// The binary on its own: copied into an empty folder with no source tree beside it and an empty
/// HOME, it still has its themes, its scenarios and its TUI, because they are built into it.
@Suite struct PortableBinaryTests {
    /// The built binary copied into an empty folder, and an environment with nothing configured.
    static func lonelyBinary(_ scratch: Scratch) throws -> (binary: String, cwd: String, env: [String: String]) {
        let bin = try scratch.folder("bin")
        let binary = bin + "/dmaown"
        try scratch.copyExecutable(Binary.path, to: binary)
        return (binary, try scratch.folder("work"), try scratch.emptyHome())
    }

    /// Runs `argv` in `cwd` with exactly `env`.
    static func run(_ argv: [String], in cwd: String, env: [String: String]) -> Subprocess.Result {
        Subprocess.run(["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", cwd] + argv, environment: env)
    }

    @Test func themesComeFromTheBinary() throws {
        let scratch = try Scratch("portable")
        let (binary, cwd, env) = try Self.lonelyBinary(scratch)
        let r = Self.run([binary, "themes"], in: cwd, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        for name in ["default", "light", "high-contrast", "colorblind", "monochrome", "nord"] {
            #expect(r.stdout.contains("\(name): "), "\(name) missing from:\n\(r.stdout)")
        }
        #expect(r.stdout.contains("from built-in:themes/nord.toml [built in]"), "\(r.stdout)")
        #expect(!r.stdout.contains("source tree"), "\(r.stdout)")
    }

    @Test func checkRunsABuiltInScenario() throws {
        let scratch = try Scratch("portable")
        let (binary, cwd, env) = try Self.lonelyBinary(scratch)
        let r = Self.run([binary, "check", "s5-bind-vs-claim"], in: cwd, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("OK"), "\(r.stdout)")
        #expect(r.stdout.contains("Matches [expect]"), "\(r.stdout)")
    }

    @Test(.needsTmux) func theTUIOpensInNord() throws {
        let scratch = try Scratch("portable")
        let (binary, _, env) = try Self.lonelyBinary(scratch)
        var paneEnv = env
        paneEnv["TERM"] = nil  // tmux sets the pane's own
        let t = try Tmux.dmaown(["--theme", "nord"], env: paneEnv, binary: binary)
        guard t.waitFor(words: "Topology", "Timeline", "races a VM", "lock-order") else { return }
        #expect(!t.screen().contains("warning"), "\(t.screen())")
        #expect(LookTests.hasColour(t.screenWithEscapes()), "nord draws in colour")
        t.send("q")
        #expect(t.waitForExit() == 0)
    }

    /// A user theme of a built-in theme's name wins, and `themes` says where each came from.
    @Test func aUserThemeShadowsTheBuiltInOne() throws {
        let scratch = try Scratch("portable")
        let (binary, cwd, env) = try Self.lonelyBinary(scratch)
        let dir = env["XDG_CONFIG_HOME"]! + "/dmaown/themes"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "description = \"my nord\"\n".write(toFile: dir + "/nord.toml", atomically: true, encoding: .utf8)
        let r = Self.run([binary, "themes"], in: cwd, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let nords = lines.enumerated().filter { $0.element.hasPrefix("nord") }
        #expect(nords.map(\.element) == ["nord: my nord", "nord (shadowed by the earlier nord): The Nord palette: arctic blues on dark slate"],
                "\(r.stdout)")
        if let first = nords.first {
            #expect(lines[first.offset + 1].contains("from \(dir)/nord.toml [user config ($XDG_CONFIG_HOME/dmaown/themes)]"), "\(r.stdout)")
        }
        let one = Self.run([binary, "themes", "nord"], in: cwd, env: env)
        #expect(one.stdout.hasPrefix("nord: my nord\n  \(dir)/nord.toml"), "\(one.stdout)")
    }

    @Test func versionNamesThePackageAndTheCommit() throws {
        let r = Subprocess.run([Binary.path, "--version"])
        #expect(r.status == 0)
        let line = r.stdout.trimmingCharacters(in: .newlines)
        #expect(line.range(of: #"^\d+\.\d+\.\d+( \(git [0-9a-f]{12}(-dirty)?\))?$"#, options: .regularExpression) != nil, "\(line)")
        // Built from this git checkout, so the commit is known and is one of the checkout's.
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
        if Subprocess.run(["git", "-C", here, "rev-parse", "HEAD"]).status == 0 {
            let commit = try #require(line.range(of: #"(?<=git )[0-9a-f]{12}"#, options: .regularExpression).map { String(line[$0]) }, "\(line)")
            #expect(Subprocess.run(["git", "-C", here, "cat-file", "-e", commit + "^{commit}"]).status == 0, "\(commit) is not a commit here")
        }
    }
}
