import DMAOwnBench
import DMAOwnEngine
import DMAOwnTestSupport
import Foundation
import Testing

/// The README's Install section, run as written (with the built binary standing in for
/// `.build/release/dmaown` and a temporary DESTDIR): the files land where man and the shells look,
/// the page renders, bash completes scenario names, and uninstall takes everything back.
@Suite struct InstallTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md").standardized

    /// The command lines of the README's "## Install" code block that run dmaown, `sudo` dropped.
    static func readmeCommands() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Install\n").dropFirst().first, "README has no ## Install section")
        let block = try #require(section.components(separatedBy: "```").dropFirst().first, "no code block under ## Install")
        return block.split(separator: "\n").map { line in
            let command = line.components(separatedBy: "#")[0].trimmingCharacters(in: .whitespaces)
            return command.hasPrefix("sudo ") ? String(command.dropFirst(5)) : command
        }.filter { $0.contains("dmaown ") }
    }

    /// Runs a README line with `dmaown` meaning the built binary, in a shell with `env`.
    static func run(_ line: String, env: [String: String]) -> Subprocess.Result {
        let words = line.split(separator: " ").map { $0 == ".build/release/dmaown" || $0 == "dmaown" ? Binary.path : String($0) }
        return Subprocess.run(words, environment: env)
    }

    static let layout = [
        "bin/dmaown", "share/man/man1/dmaown.1", "share/bash-completion/completions/dmaown",
        "share/zsh/site-functions/_dmaown", "share/fish/vendor_completions.d/dmaown.fish",
    ]

    @Test func installLaysOutRendersCompletesAndUninstalls() throws {
        let scratch = try Scratch("install")
        let destdir = try scratch.folder("stage")
        var env = try scratch.emptyHome()
        env["DESTDIR"] = destdir
        let commands = try Self.readmeCommands()
        let install = try #require(commands.first { $0.contains("dmaown install") }, "\(commands)")
        let uninstall = try #require(commands.first { $0.contains("dmaown uninstall") }, "\(commands)")

        let r = Self.run(install, env: env)
        #expect(r.status == 0, "\(install): \(r.stderr)")
        let prefix = destdir + "/usr/local/"
        #expect(!Self.layout.isEmpty, "the loop below checks something")
        for file in Self.layout {
            #expect(FileManager.default.fileExists(atPath: prefix + file), "\(file) not installed")
        }
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "bin/dmaown"))
        let version = Subprocess.run([prefix + "bin/dmaown", "--version"], environment: env)
        #expect(version.status == 0 && version.stdout == Subprocess.run([Binary.path, "--version"]).stdout)

        // man -l renders the page: the generated commands and the hand-written sections.
        var manEnv = env
        manEnv["MANWIDTH"] = "100"
        let man = Subprocess.run(["man", "-l", prefix + "share/man/man1/dmaown.1"], environment: manEnv)
        #expect(man.status == 0, "man -l: \(man.stderr)")
        for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "SCENARIO FILES", "FILES", "KEYS", "EXIT STATUS"] {
            #expect(man.stdout.contains("\n\(heading)\n"), "no \(heading) in the rendered page:\n\(man.stdout.prefix(800))")
        }
        #expect(man.stdout.contains("import-sysfs") && man.stdout.contains("remember this theme"))

        // bash, as a person's shell would load it, completing `dmaown check s5<TAB>`.
        let completion = Self.bashComplete(["dmaown", "check", "s5"], script: prefix + "share/bash-completion/completions/dmaown",
                                           path: prefix + "bin", env: env)
        #expect(completion == ["s5-bind-vs-claim"], "COMPREPLY was \(completion)")
        let schemes = Self.bashComplete(["dmaown", "check", "s5-bind-vs-claim", "--scheme", ""],
                                        script: prefix + "share/bash-completion/completions/dmaown", path: prefix + "bin", env: env)
        #expect(schemes == SchemeID.allCases.map(\.rawValue), "\(schemes)")
        // The TUI is the default subcommand, so its arguments complete with and without `tui`.
        for words in [["dmaown", "--theme", "no"], ["dmaown", "tui", "--theme", "no"]] {
            let themes = Self.bashComplete(words, script: prefix + "share/bash-completion/completions/dmaown", path: prefix + "bin", env: env)
            #expect(themes == ["nord"], "\(words): \(themes)")
        }
        let top = Self.bashComplete(["dmaown", "s5"], script: prefix + "share/bash-completion/completions/dmaown", path: prefix + "bin", env: env)
        #expect(top == ["s5-bind-vs-claim"], "\(top)")

        let u = Self.run(uninstall, env: env)
        #expect(u.status == 0, "\(uninstall): \(u.stderr)")
        #expect(!Self.layout.isEmpty, "the loop below checks something")
        for file in Self.layout {
            #expect(!FileManager.default.fileExists(atPath: prefix + file), "\(file) left behind")
        }
    }

    /// What bash offers for the last of `words`, with the installed completion script loaded and
    /// the installed binary first on PATH (the script calls it back for scenario and theme names).
    static func bashComplete(_ words: [String], script: String, path: String, env: [String: String]) -> [String] {
        let line = words.joined(separator: " ")
        let program = """
            source "$1"
            COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
            COMP_CWORD=\(words.count - 1)
            COMP_LINE='\(line)'
            COMP_POINT=${#COMP_LINE}
            fn=$(complete -p dmaown | sed -E 's/.* -F ([^ ]+) .*/\\1/')
            "$fn" dmaown '\(words.last!)' '\(words[words.count - 2])'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        var env = env
        env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        let r = Subprocess.run(["bash", "-c", program, "bash", script], environment: env)
        return r.stdout.split(separator: "\n").map(String.init)
    }
}
