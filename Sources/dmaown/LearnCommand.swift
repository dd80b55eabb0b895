import ArgumentParser
import Foundation
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import DMAOwnTUI

/// `dmaown learn`: the course, an ordered list of lessons with goals, hints and a win.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn", abstract: "Take the course: lessons with a goal, hints and a win, from one bind to Robin's proposal.",
        discussion: "Progress is kept in $XDG_STATE_HOME/dmaown/progress.toml (default ~/.local/state/dmaown/progress.toml).")

    @Argument(help: "The lesson to open (1 is the first; default: the lesson list).")
    var lesson: Int?

    @Flag(help: "Print the course with your progress and exit.")
    var list = false

    @Flag(help: "Clear your progress (asks first).")
    var reset = false

    @Flag(name: .shortAndLong, help: "With --reset: do not ask.")
    var yes = false

    @Option(help: "A theme name or a theme file path.", completion: CompletionCandidates.theme)
    var theme: String?

    @Flag(help: "Challenge mode: the explorer's verdict stays hidden until you break an invariant by hand (X toggles it).")
    var challenge = false

    func validate() throws {
        if let lesson, !(1...Course.all.count).contains(lesson) {
            throw InputError("learn", "no lesson \(lesson) (the course has lessons 1 to \(Course.all.count); list them with 'dmaown learn --list')")
        }
        if yes && !reset { throw InputError("learn", "--yes goes with --reset") }
        if reset && (list || lesson != nil) { throw InputError("learn", "--reset goes alone (with --yes at most)") }
    }

    func run() throws {
        let path = ProgressFile.path(environment: ProcessInfo.processInfo.environment)
        if reset { return try resetProgress(path) }
        let (progress, warning) = path.map(ProgressFile.read(path:)) ?? (CourseProgress(), nil)
        if list {
            if let warning { FileHandleStderr.write("dmaown: warning: \(DisplayText.line(warning))\n") }
            print(try Self.listing(progress), terminator: "")
            return
        }
        // The TUI's own options, parsed as it parses them, so both commands open the terminal alike.
        let tui = try TUICommand.parse((theme.map { ["--theme", $0] } ?? []) + (challenge ? ["--challenge"] : []))
        try tui.runUI(extraWarnings: warning.map { [$0] } ?? []) { themeNames, seed in
            do throws(LessonError) {
                return try AppState.course(progress: progress, progressPath: path, opening: lesson, themeNames: themeNames, seed: seed)
            } catch {
                throw InputError("learn", error.description)
            }
        }
    }

    /// The course as `--list` prints it: number, mark, title, the explorer's shortest solution and goal; a mark says solved (✓) and
    /// solved in the fewest steps possible (★), as the lesson list in the TUI does.
    static func listing(_ progress: CourseProgress) throws -> String {
        var out = ""
        var solved = 0
        for (i, entry) in Course.all.enumerated() {
            let lesson: Scenario
            do { lesson = try Course.load(i + 1) } catch { throw InputError("learn", error.description) }
            let record = progress.lessons[entry.name]
            if record != nil { solved += 1 }
            let mark = record.map { r in r.shortest ? "✓★" : "✓ " } ?? "  "
            let scheme = lesson.goal?.schemes.first ?? lesson.scheme
            let shortest = GoalSearch.shortest(for: lesson, scheme: scheme)?.schedule.map { "shortest \($0.count) steps" } ?? "shortest unknown"
            let steps = record.map { " (\(shortest); solved in \($0.steps))" } ?? " (\(shortest))"
            out += DisplayText.line("\(i + 1 < 10 ? " " : "")\(i + 1) \(mark) \(lesson.title)\(steps)") + "\n"
            out += "      " + DisplayText.line(lesson.goal?.text ?? "") + "\n"
        }
        return out + "\(solved) of \(Course.all.count) lessons solved; open one with 'dmaown learn N'.\n"
    }

    private func resetProgress(_ path: String?) throws {
        guard let path else { throw InputError("learn", "neither XDG_STATE_HOME nor HOME is set: there is no progress to clear") }
        if !yes {
            FileHandleStderr.write("Clear your course progress in \(DisplayText.line(path))? [y/N] ")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                print("progress kept")
                return
            }
        }
        if let error = ProgressFile.reset(path: path) { throw InputError("learn", error.message) }
        print("progress cleared")
    }
}
