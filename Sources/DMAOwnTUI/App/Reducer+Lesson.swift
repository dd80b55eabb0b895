import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

extension App {
    /// What a lesson does not allow until it is solved: the explorer, loading a trace (a
    /// counterexample), and changing the lesson's threads or scenario.
    static let lockedInLesson: Set<KeyAction> = [.explore, .load, .addDialog, .commandLine, .pickScenario]

    /// Keys the course and challenge mode take before the key table: the lesson list, the win
    /// box, the locks, clicks below the goal pane. Nil lets the key through.
    static func lessonKey(_ s: inout AppState, _ key: KeyEvent) -> [Effect]? {
        if let course = s.course {
            if let row = course.listSelection { return lessonListKey(&s, row, key) }
            // A lesson's steps are play, not work to keep: progress is saved as it is made.
            if s.overlay == nil, KeyTable.binding(for: key)?.action == .quit { return [.quit] }
            if let lesson = course.lesson {
                if lesson.showingWin { return winKey(&s, lesson, key) }
                if case .click(let x, let y) = key, s.overlay == nil {
                    // The panes are drawn below the goal pane: hit-test them where they were drawn.
                    return handleKey(&s, .click(x: x, y: y - GoalPane.rows(s, width: s.size.width)))
                }
                if s.overlay == nil, lesson.won == nil, let b = KeyTable.binding(for: key), lockedInLesson.contains(b.action) {
                    s.message = StatusMessage(.error, "\(b.label): locked until this lesson is solved (H shows the next hint)")
                    return [.bell]
                }
            }
        }
        if s.overlay == nil, s.challenge?.hidesVerdict == true, let b = KeyTable.binding(for: key) {
            if b.action == .load {
                s.message = StatusMessage(.error, "o: locked in challenge mode until you break an invariant by hand (X ends the challenge)")
                return [.bell]
            }
            if b.action == .explore, !s.explorerRunning, s.lastExploration != nil {
                s.message = challengeHiddenMessage
                return []
            }
        }
        return nil
    }

    static let challengeHiddenMessage = StatusMessage(
        .info, "challenge: the explorer's verdict stays hidden until you break an invariant by hand (X ends the challenge)")

    /// After every key: a lesson won now, a challenge met now.
    static func lessonProgress(_ s: inout AppState) -> [Effect] {
        if var challenge = s.challenge, challenge.hidesVerdict, !s.run.broken(in: s.world).isEmpty {
            challenge.foundAt = s.history.position
            s.challenge = challenge
            let names = s.run.broken(in: s.world).members.map(\.rawValue).joined(separator: ", ")
            s.message = StatusMessage(.violation, "challenge met: you broke \(names) by hand in \(s.history.position) steps; x now shows the explorer's verdict")
        }
        guard var course = s.course, var lesson = course.lesson, course.listSelection == nil else { return [] }
        if lesson.schemes.contains(s.scheme), lesson.shortestScheme != s.scheme {
            // The shortest solution is the explorer's under the scheme on screen.
            lesson.shortest = LessonSession.shortest(s.scenario, scheme: s.scheme)
            lesson.shortestScheme = s.scheme
        }
        let k = s.history.position
        guard lesson.isMet(in: s, at: k), lesson.won.map({ k < $0.steps }) ?? true else {
            course.lesson = lesson; s.course = course
            return []
        }
        lesson.won = LessonSession.Win(steps: k)
        lesson.showingWin = true
        s.overlay = nil
        course.progress.solved(lesson.name, steps: k, shortest: lesson.shortest)
        course.lesson = lesson
        s.course = course
        s.message = StatusMessage(.info, "lesson \(lesson.number) solved in \(k) steps" + (lesson.shortest.map { " (shortest possible: \($0))" } ?? ""))
        guard let path = course.progressPath else { return [] }
        return [.saveProgress(path: path, text: course.progress.text)]
    }

    /// `H`: the next hint of the lesson open, revealed one at a time.
    static func nextHint(_ s: inout AppState) -> [Effect] {
        guard var course = s.course, var lesson = course.lesson else {
            s.message = StatusMessage(.error, "hints belong to lessons: start the course with 'dmaown learn'")
            return [.bell]
        }
        let hints = lesson.goal.hints
        guard lesson.hintsShown < hints.count else {
            s.message = StatusMessage(.info, hints.isEmpty ? "this lesson has no hints" : "no more hints (\(hints.count) shown)")
            return []
        }
        lesson.hintsShown += 1
        // The hint itself shows under the goal; the status line only says where, to save rows.
        s.message = StatusMessage(.info, "hint \(lesson.hintsShown) of \(hints.count) is under the goal" + (lesson.hintsShown < hints.count ? "; H again for the next" : ""))
        course.lesson = lesson
        s.course = course
        return []
    }

    /// `L`: the lesson list.
    static func showLessons(_ s: inout AppState) -> [Effect] {
        guard var course = s.course else {
            s.message = StatusMessage(.error, "the lesson list belongs to the course: start it with 'dmaown learn'")
            return [.bell]
        }
        course.listSelection = max(0, (course.lesson?.number ?? 1) - 1)
        s.course = course
        return []
    }

    /// `X`: challenge mode on or off.
    static func toggleChallenge(_ s: inout AppState) -> [Effect] {
        if s.challenge == nil {
            s.challenge = Challenge()
            s.message = StatusMessage(.info, "challenge on: find a schedule that breaks an invariant by hand; the explorer's verdict stays hidden until you do")
        } else {
            s.challenge = nil
            s.message = StatusMessage(.info, "challenge off: x shows the explorer's verdict")
        }
        return []
    }

    /// An explorer result that arrives while the challenge is not met is kept, not shown.
    static func hideVerdictInChallenge(_ s: inout AppState) {
        guard s.challenge?.hidesVerdict == true, case .explorer(let v)? = s.overlay, v.result != nil else { return }
        s.overlay = nil
        s.message = challengeHiddenMessage
    }

    private static func lessonListKey(_ s: inout AppState, _ row: Int, _ key: KeyEvent) -> [Effect] {
        guard var course = s.course else { return [] }
        let count = course.lessons.count
        switch key {
        case .up, .char("k"): course.listSelection = max(0, row - 1)
        case .down, .char("j"): course.listSelection = min(count - 1, row + 1)
        case .home, .char("g"): course.listSelection = 0
        case .end, .char("G"): course.listSelection = count - 1
        case .enter, .char(" "): return openLesson(&s, number: row + 1)
        case .escape:
            guard course.lesson != nil else { return [] }
            course.listSelection = nil
        case .char("q"): return [.quit]
        case .char("?"), .function(1): s.overlay = .help; course.listSelection = nil
        default: return []
        }
        s.course = course
        return []
    }

    private static func winKey(_ s: inout AppState, _ lesson: LessonSession, _ key: KeyEvent) -> [Effect] {
        guard var course = s.course else { return [] }
        switch key {
        case .char("n"):
            if lesson.number < course.lessons.count { return openLesson(&s, number: lesson.number + 1) }
            course.listSelection = lesson.number - 1
        case .char("L"): course.listSelection = lesson.number - 1
        case .escape, .enter: break
        case .char("q"): return [.quit]
        default: return []
        }
        course.lesson?.showingWin = false
        s.course = course
        return []
    }

    /// Opens lesson `number` of the course in place of whatever is open, keeping the look.
    public static func openLesson(_ s: inout AppState, number: Int) -> [Effect] {
        guard var course = s.course else { return [.bell] }
        let opened: AppState
        do throws(LessonError) {
            opened = try AppState.lesson(number, course: course, themeNames: s.themeNames, seed: s.seed)
        } catch {
            s.message = StatusMessage(.error, error.description)
            return [.bell]
        }
        let (themeIndex, mouse, size, challenge) = (s.themeIndex, s.wantsMouse, s.size, s.challenge)
        course = opened.course ?? course
        s = opened
        s.themeIndex = themeIndex; s.wantsMouse = mouse; s.size = size; s.challenge = challenge
        s.course = course
        return []
    }
}

/// Why a lesson could not be opened: its file or its setup is broken (a bug in the course).
public struct LessonError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension AppState {
    /// The session for lesson `number` of `course`, under the first scheme its goal counts under.
    public static func lesson(_ number: Int, course: CourseState, themeNames: [String], seed: UInt64) throws(LessonError) -> AppState {
        let scenario: Scenario
        do { scenario = try Course.load(number) } catch { throw LessonError(description: error.description) }
        let scheme = scenario.goal?.schemes.first ?? scenario.scheme
        var s: AppState
        do { s = try AppState(scenario: scenario, scheme: scheme, themeNames: themeNames, seed: seed) } catch {
            throw LessonError(description: error.description)
        }
        guard var lesson = LessonSession(number: number, name: course.lessons[number - 1].name, scenario: scenario, scheme: scheme) else {
            throw LessonError(description: "lesson \(number) has no goal")
        }
        lesson.shortestScheme = scheme
        var c = course
        c.lesson = lesson
        c.listSelection = nil
        s.course = c
        s.focus = .threads
        s.message = StatusMessage(.info, "lesson \(number): \(lesson.goal.text) (H: a hint, L: the lessons, ?: help)")
        return s
    }

    /// The course as `dmaown learn` opens it: lesson `number`, or with none the list over the
    /// first lesson not yet solved.
    public static func course(progress: CourseProgress, progressPath: String?, opening number: Int?, themeNames: [String], seed: UInt64) throws(LessonError) -> AppState {
        var loaded: [(name: String, title: String, goal: String)] = []
        for (i, entry) in Course.all.enumerated() {
            do { let l = try Course.load(i + 1); loaded.append((entry.name, l.title, l.goal?.text ?? "")) } catch { throw LessonError(description: error.description) }
        }
        let course = CourseState(lessons: loaded, progress: progress, progressPath: progressPath)
        let first = loaded.firstIndex { progress.lessons[$0.name] == nil }.map { $0 + 1 } ?? 1
        var s = try lesson(number ?? first, course: course, themeNames: themeNames, seed: seed)
        if number == nil { s.course?.listSelection = first - 1 }
        return s
    }
}
