import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import Testing
@testable import DMAOwnTUI

/// The course in the reducer: every lesson played to its win with keys along the explorer's
/// shortest schedule, the locks, hints, the win box's keys and challenge mode.
@Suite struct LessonReducerTests {
    static func open(_ n: Int?, progress: CourseProgress = CourseProgress()) throws -> AppState {
        try AppState.course(progress: progress, progressPath: "/nonexistent/progress.toml", opening: n, themeNames: ["default"], seed: 1)
    }

    /// Takes `c` with keys: a digit steps that thread; a failure branch selects the thread, then `f`.
    static func press(_ s: inout AppState, _ c: Choice) -> [Effect] {
        guard c.fail else { return Fixture.press(&s, .char(Character(String(c.thread + 1)))) }
        s.focus = .threads
        s.selectedThread = c.thread
        return Fixture.press(&s, .char("f"))
    }

    @Test(arguments: 1...Course.all.count) func eachLessonIsWonWithKeysInTheExplorersFewestSteps(number: Int) throws {
        var s = try Self.open(number)
        let lesson = try #require(s.course?.lesson)
        let scenario = try Course.load(number)
        let schedule = try #require(GoalSearch.shortest(for: scenario, scheme: s.scheme)?.schedule)
        // The figure on screen is the explorer's.
        #expect(lesson.shortest == schedule.count)
        #expect(lesson.won == nil)
        for (i, c) in schedule.enumerated() {
            let effects = Self.press(&s, c)
            let won = s.course?.lesson?.won
            if i < schedule.count - 1 {
                #expect(won == nil, "lesson \(number) won after \(i + 1) of \(schedule.count) steps")
            } else {
                #expect(won?.steps == schedule.count)
                #expect(s.course?.lesson?.showingWin == true)
                #expect(s.course?.progress.lessons[lesson.name] == CourseProgress.Record(steps: schedule.count, shortest: true))
                #expect(effects.contains { if case .saveProgress(let path, let text) = $0 { path == "/nonexistent/progress.toml" && text.contains(lesson.name) } else { false } })
            }
        }
    }

    @Test func theListOpensOverTheFirstUnsolvedLesson() throws {
        let s = try Self.open(nil, progress: CourseProgress(lessons: ["bind-alone": .init(steps: 8, shortest: true)]))
        #expect(s.course?.listSelection == 1)
        #expect(s.course?.lesson?.number == 2)
        var t = s
        Fixture.press(&t, .down, .enter)
        #expect(t.course?.listSelection == nil)
        #expect(t.course?.lesson?.number == 3)
    }

    @Test func theExplorerAndLoadingAreLockedUntilSolved() throws {
        var s = try Self.open(4)
        for key in ["x", "o", "a", ":", "p"] {
            let effects = Fixture.press(&s, .char(Character(key)))
            #expect(effects == [.bell], "\(key) was not locked")
            #expect(s.overlay == nil)
            #expect(s.message?.text.contains("locked") == true)
        }
        Fixture.finish(&s, thread: 0)
        #expect(s.course?.lesson?.won != nil)
        Fixture.press(&s, .escape)
        #expect(s.course?.lesson?.showingWin == false)
        #expect(Fixture.press(&s, .char("x")).contains { if case .startExplorer = $0 { true } else { false } })
    }

    @Test func hintsAreRevealedOneAtATime() throws {
        var s = try Self.open(6)
        let hints = try #require(s.course?.lesson?.goal.hints)
        for k in 1...hints.count {
            Fixture.press(&s, .char("H"))
            #expect(s.course?.lesson?.hintsShown == k)
            #expect(s.message?.text.hasPrefix("hint \(k) of \(hints.count)") == true)
            let screen = Snapshot.text(App.render(s, size: Size(width: 200, height: 40), glyphs: .unicode))
            #expect(screen.contains("Hint \(k)/\(hints.count): \(hints[k - 1])"))
        }
        Fixture.press(&s, .char("H"))
        #expect(s.course?.lesson?.hintsShown == hints.count)
        #expect(s.message?.text.contains("no more hints") == true)
    }

    @Test func theWinBoxOffersTheNextLesson() throws {
        var s = try Self.open(1)
        Fixture.finish(&s, thread: 0)
        #expect(s.course?.lesson?.showingWin == true)
        let screen = Snapshot.text(App.render(s, size: Size(width: 100, height: 30), glyphs: .unicode))
        #expect(screen.contains("Solved: lesson 1"))
        #expect(screen.contains("Shortest possible: 8 steps"))
        Fixture.press(&s, .char("n"))
        #expect(s.course?.lesson?.number == 2)
        #expect(s.course?.progress.lessons["bind-alone"] != nil, "progress survives opening the next lesson")
    }

    @Test func theGoalStaysVisibleOverEveryPane() throws {
        var s = try Self.open(6)
        Fixture.press(&s, .char("?"))
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let screen = Snapshot.text(App.render(s, size: size, glyphs: .unicode))
            #expect(screen.contains("Lesson 6/16"))
            #expect(screen.contains("Goal: Interleave the two threads"))
        }
    }

    @Test func aBetterSolutionReplacesTheRecordAndAWorseOneDoesNot() {
        var p = CourseProgress()
        p.solved("a", steps: 9, shortest: 7)
        #expect(p.lessons["a"] == .init(steps: 9, shortest: false))
        p.solved("a", steps: 7, shortest: 7)
        #expect(p.lessons["a"] == .init(steps: 7, shortest: true))
        p.solved("a", steps: 12, shortest: 7)
        #expect(p.lessons["a"] == .init(steps: 7, shortest: true))
    }

    @Test func progressTextRoundTripsAndABrokenFileIsAFreshCourseWithOneWarning() {
        let p = CourseProgress(lessons: ["bind-alone": .init(steps: 8, shortest: true), "s5-bind-wins": .init(steps: 14, shortest: false)])
        let (back, warning) = CourseProgress.parse(p.text, file: "p.toml")
        #expect(back == p)
        #expect(warning == nil)
        let (broken, why) = CourseProgress.parse("[lessons\nsteps = ", file: "p.toml")
        #expect(broken == CourseProgress())
        #expect(why?.hasPrefix("p.toml:1:") == true)
        let (wrong, why2) = CourseProgress.parse("[lessons.a]\nsteps = \"many\"\nshortest = true\n", file: "p.toml")
        #expect(wrong == CourseProgress())
        #expect(why2?.contains("starting a fresh course") == true)
        #expect(why2?.contains("\n") == false)
    }

    @Test func challengeHidesTheVerdictUntilAViolationIsFoundByHand() {
        var s = Fixture.builtin("notifier-bug-on")
        Fixture.press(&s, .char("X"))
        #expect(s.challenge == Challenge())
        let effects = Fixture.press(&s, .char("x"))
        guard case .startExplorer(let job)? = effects.first else { Issue.record("no explorer started: \(effects)"); return }
        let result = Explorer(run: s.explorerJob.run, world: s.explorerJob.world).explore()
        #expect(!result.violations.isEmpty)
        App.update(&s, .background(job: job, .finished(result)))
        #expect(s.overlay == nil, "the verdict was shown in challenge mode")
        #expect(s.message?.text.contains("hidden") == true)
        // x again shows nothing while the challenge is not met.
        #expect(Fixture.press(&s, .char("x")).isEmpty)
        #expect(s.overlay == nil)
        while s.challenge?.foundAt == nil, case .runnable = s.run.status(of: 0, in: s.world) { Fixture.press(&s, .char("1")) }
        #expect(s.challenge?.foundAt == s.history.position)
        #expect(s.message?.text.contains("challenge met") == true)
        let again = Fixture.press(&s, .char("x"))
        guard case .startExplorer(let job2)? = again.first else { Issue.record("no explorer after the challenge: \(again)"); return }
        App.update(&s, .background(job: job2, .finished(result)))
        guard case .explorer(let v)? = s.overlay else { Issue.record("verdict still hidden"); return }
        #expect(v.result != nil)
    }
}
