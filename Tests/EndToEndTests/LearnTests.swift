import DMAOwnBench
import DMAOwnScenario
import DMAOwnTestSupport
import Foundation
import Testing

/// `dmaown learn` in a real terminal: lesson 1 and the S5 lesson played to "solved" with keys,
/// the win screen, the progress file written under a private XDG_STATE_HOME, and a second run
/// that shows both lessons solved.
@Suite(.serialized) struct LearnTests {
    /// Plays lesson `number` with `keys`, one at a time, and waits for its win screen.
    static func play(_ number: Int, keys: [String], state: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        let t = try Tmux.dmaown(["learn", String(number)], width: 120, height: 40, env: ["XDG_STATE_HOME": state])
        guard t.waitFor(words: "Lesson \(number)/\(Course.all.count)", "Goal:", sourceLocation: sourceLocation) else { return nil }
        for (i, k) in keys.enumerated() {
            t.send(k)
            // Each step is on screen before the next key, so the count is the schedule's length.
            guard t.waitFor(words: "steps \(i + 1) ·", sourceLocation: sourceLocation) else { return nil }
        }
        guard t.waitFor(words: "Solved: lesson \(number)", sourceLocation: sourceLocation) else { return nil }
        let screen = t.screen()
        t.send("q")
        #expect(t.expectTerminalRestored(sourceLocation: sourceLocation) == 0, sourceLocation: sourceLocation)
        return screen
    }

    @Test(.needsTmux) func lessonOneAndTheS5LessonAreSolvedWithKeysAndRemembered() throws {
        let scratch = try Scratch("learn")
        let state = try scratch.folder("state")
        let progress = state + "/dmaown/progress.toml"

        // Lesson 1: the bind alone, eight steps.
        let first = try #require(try Self.play(1, keys: Array(repeating: "1", count: 8), state: state))
        #expect(first.contains("Your schedule: 8 steps. Shortest possible: 8 steps"))
        #expect(first.contains("iommu_device_use_default_domain"))
        #expect(first.contains("n: next lesson"))
        let afterFirst = try String(contentsOfFile: progress, encoding: .utf8)
        #expect(afterFirst.contains("[lessons.\"bind-alone\"]\nsteps = 8\nshortest = true"))

        // Lesson 6: S5 won by the bind: the bind to the end (8), then the claim to its -EPERM (3).
        let s5 = Course.all.firstIndex { $0.name == "s5-bind-wins" }! + 1
        let win = try #require(try Self.play(s5, keys: Array(repeating: "1", count: 8) + ["2", "2", "2"], state: state))
        #expect(win.contains("Solved: lesson \(s5)"))
        #expect(win.contains("Your schedule: 11 steps. Shortest possible: 11 steps"))
        let afterBoth = try String(contentsOfFile: progress, encoding: .utf8)
        #expect(afterBoth.contains("bind-alone") && afterBoth.contains("[lessons.\"s5-bind-wins\"]\nsteps = 11"))

        // A second run: the list shows both solved in the fewest steps, and so does --list.
        let t = try Tmux.dmaown(["learn"], width: 120, height: 40, env: ["XDG_STATE_HOME": state])
        t.waitFor(words: "2 of \(Course.all.count) lessons solved", "✓★  A kernel driver binds", "✓★  The S5 race, won by the bind")
        t.send("q")
        t.expectTerminalRestored()
        let listed = Subprocess.run([Binary.path, "learn", "--list"], environment: ["XDG_STATE_HOME": state])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(" 1 ✓★ A kernel driver binds"))
        #expect(listed.stdout.contains("2 of \(Course.all.count) lessons solved"))
    }

    @Test func aCorruptProgressFileIsAFreshCourseWithOneWarning() throws {
        let scratch = try Scratch("learn")
        let state = try scratch.folder("state")
        try FileManager.default.createDirectory(atPath: state + "/dmaown", withIntermediateDirectories: true)
        try "[lessons\nsteps = ".write(toFile: state + "/dmaown/progress.toml", atomically: true, encoding: .utf8)
        let r = Subprocess.run([Binary.path, "learn", "--list"], environment: ["XDG_STATE_HOME": state])
        #expect(r.status == 0)
        #expect(r.stdout.contains("0 of \(Course.all.count) lessons solved"))
        let warnings = r.stderr.split(separator: "\n")
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("progress.toml:1:") == true)
    }

    @Test func resetAsksFirstAndYesSkipsTheQuestion() throws {
        let scratch = try Scratch("learn")
        let state = try scratch.folder("state")
        let file = state + "/dmaown/progress.toml"
        try FileManager.default.createDirectory(atPath: state + "/dmaown", withIntermediateDirectories: true)
        try "[lessons.\"bind-alone\"]\nsteps = 8\nshortest = true\n".write(toFile: file, atomically: true, encoding: .utf8)
        // No answer (stdin at its end) keeps the progress.
        let kept = Subprocess.run(["/bin/sh", "-c", "\"$0\" learn --reset </dev/null", Binary.path], environment: ["XDG_STATE_HOME": state])
        #expect(kept.stdout.contains("progress kept"))
        #expect(kept.stderr.contains("Clear your course progress"))
        #expect(FileManager.default.fileExists(atPath: file))
        let cleared = Subprocess.run([Binary.path, "learn", "--reset", "--yes"], environment: ["XDG_STATE_HOME": state])
        #expect(cleared.status == 0)
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
