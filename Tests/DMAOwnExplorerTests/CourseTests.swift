import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
import Foundation
import Testing

/// The course as data: its order, its folder, and every lesson winnable, not won at its start,
/// with hints and an explanation, and a shortest solution the explorer's goal search finds and a
/// naive breadth-first search over the same steps confirms.
@Suite struct CourseTests {
    /// The course's order, fixed: a lesson moved or dropped is a decision, not an accident.
    static let order = [
        "bind-alone", "unbind-alone", "managed-sibling-claim", "kernel-driver-refuses-claim", "vfio-owner-refuses-bind",
        "s5-bind-wins", "s5-claim-wins", "notifier-crash", "notifier-silent-claim", "v6-nesting", "iommufd-sharing",
        "robin-handover", "robin-pinctrl-stale-owner", "robin-failure-hook", "robin-locked-abba", "test-remove-count-leak",
    ]

    @Test func theCourseIsInItsOrder() {
        #expect(Course.all.map(\.name) == Self.order)
        #expect(Course.all.count >= 14)
    }

    @Test func theListAndTheLessonsFolderAgree() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/DMAOwnScenario/Lessons").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files) == Set(Course.fileNames))
        for entry in Course.all {
            let onDisk = try String(contentsOf: folder.appendingPathComponent("\(entry.name).toml"), encoding: .utf8)
            #expect(onDisk == entry.text, "\(entry.name): the embedded text differs from the file")
        }
    }

    @Test(arguments: 1...Course.all.count) func eachLessonHasAGoalHintsAndAnExplanation(number: Int) throws {
        let lesson = try Course.load(number)
        let goal = try #require(lesson.goal)
        #expect(!goal.text.isEmpty)
        #expect(!goal.hints.isEmpty)
        for hint in goal.hints { #expect(!hint.trimmingCharacters(in: .whitespaces).isEmpty) }
        #expect(!goal.explain.isEmpty)
        // The explanation names kernel source: a function call and a file.
        #expect(goal.explain.contains(".c"), "lesson \(number)'s explain names no source file")
    }

    @Test(arguments: 1...Course.all.count) func eachLessonIsSolvableUnderEachSchemeAndNotWonAtStart(number: Int) throws {
        let lesson = try Course.load(number)
        let goal = try #require(lesson.goal)
        for scheme in goal.schemes.isEmpty ? [lesson.scheme] : goal.schemes {
            guard case .success(let p) = lesson.prepare(scheme: scheme) else {
                Issue.record("lesson \(number): setup fails under \(scheme.rawValue)"); continue
            }
            #expect(!goal.win.isMetAtStart(p.world, run: p.run), "lesson \(number) is won before any step")
            let found = try #require(GoalSearch.shortest(for: lesson, scheme: scheme))
            #expect(found.complete)
            let schedule = try #require(found.schedule, "lesson \(number) cannot be won under \(scheme.rawValue)")
            #expect(schedule.count <= goal.maxSteps ?? .max)
            // Replaying the schedule step by step reaches the goal on its last step, not before.
            var w = p.world
            for (i, c) in schedule.enumerated() {
                let before = w
                #expect(p.run.choices(of: c.thread, in: w) > (c.fail ? 1 : 0))
                p.run.step(&w, thread: c.thread, fail: c.fail)
                let met = goal.win.isMet(before: before, after: w, thread: c.thread, fail: c.fail, run: p.run)
                #expect(met == (i == schedule.count - 1), "lesson \(number): goal met at step \(i + 1) of \(schedule.count)")
            }
            #expect(Self.naiveShortest(goal.win, run: p.run, from: p.world) == schedule.count,
                    "lesson \(number): the goal search's length differs from a breadth-first search's")
        }
    }

    @Test func theTestRemoveLessonCannotBeWonOnceTheLeakIsFixed() throws {
        let entry = try #require(Course.all.first { $0.name == "test-remove-count-leak" })
        #expect(entry.text.contains("debug_test_remove = true"))
        let fixed = try ScenarioLoader.parse(entry.text.replacingOccurrences(of: "debug_test_remove = true", with: "debug_test_remove = \"6.6\""),
                                             source: "fixed.toml")
        let found = try #require(GoalSearch.shortest(for: fixed, scheme: fixed.scheme))
        #expect(found.complete)
        #expect(found.schedule == nil, "the 6.6 path still leaks: \(String(describing: found.schedule))")
    }

    @Test func aGoalSchemeWhoseSetupFailsIsALoaderError() throws {
        let entry = try #require(Course.all.first { $0.name == "s5-bind-wins" })
        // kclaim's setup cannot run under the notifier scheme (no iommu_group_claim_dma_owner there).
        let text = entry.text.replacingOccurrences(of: #"setup = ["bind 0000:01:00.0 vfio-pci"]"#, with: #"setup = ["bind 0000:01:00.0 vfio-pci", "kclaim 7 qemu", "krelease 7 qemu"]"#)
            .replacingOccurrences(of: #"schemes = ["merged", "v6", "iommufd"]"#, with: #"schemes = ["merged", "notifier"]"#)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(text, source: "two.toml") }
        do { _ = try ScenarioLoader.parse(text, source: "two.toml") } catch {
            #expect(error.value == "notifier")
            #expect(error.message.contains("[goal] scheme"))
        }
    }

    /// Breadth-first over distinct worlds, a step at a time: the fewest steps to a step meeting `win`.
    static func naiveShortest(_ win: WinCondition, run: Run, from start: World) -> Int? {
        var frontier = [start]
        var seen: Set<World> = [start]
        var depth = 0
        while !frontier.isEmpty {
            depth += 1
            var next: [World] = []
            for w in frontier {
                for t in run.operations.indices {
                    for f in 0..<run.choices(of: t, in: w) {
                        var after = w
                        run.step(&after, thread: t, fail: f == 1)
                        if win.isMet(before: w, after: after, thread: t, fail: f == 1, run: run) { return depth }
                        if seen.insert(after).inserted { next.append(after) }
                    }
                }
            }
            frontier = next
        }
        return nil
    }
}
