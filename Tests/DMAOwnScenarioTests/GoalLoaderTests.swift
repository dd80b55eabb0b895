import DMAOwnEngine
import DMAOwnScenario
import Testing

/// `[goal]` is checked like every other table: a bad one is one error naming the file, the line
/// and the value; a scenario without one loads as before.
@Suite struct GoalLoaderTests {
    /// The built-in S5 scenario with a lesson's goal appended; `[goal.win]` is its last line.
    static let base = BuiltinScenarios.named("s5-bind-vs-claim")! + """

    [goal]
    text = "Win the race with the bind."
    hints = ["step 1 first"]
    explain = "iommu_device_use_default_domain (drivers/iommu/iommu.c) counted first."

    [goal.win]

    """

    /// The line a win condition appended to `base` is on, and the `[goal.win]` header's.
    static let winLine = base.split(separator: "\n", omittingEmptySubsequences: false).count
    static let headerLine = winLine - 1

    static func load(_ win: String) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.parse(base + win + "\n", source: "lesson.toml")
    }

    static func expectError(_ win: String, line: Int, value: String, says words: String) {
        do {
            _ = try load(win)
            Issue.record("accepted: \(win)")
        } catch {
            #expect(error.file == "lesson.toml")
            #expect(error.line == line, "\(error)")
            #expect(error.value == value, "\(error)")
            #expect(error.description.hasPrefix("lesson.toml:\(line): "))
            #expect(error.message.contains(words), "\(error)")
        }
    }

    @Test func aGoodGoalLoads() throws {
        let s = try Self.load("""
        results = { "bind 0000:01:00.1 e1000e" = "0", "2" = "EPERM" }
        broken = ["isolation"]
        group = { id = 7, owner = "dma-api", owner_cnt = 1, domain = "default" }
        finished = true
        """)
        let goal = try #require(s.goal)
        #expect(goal.win.results.sorted { $0.thread < $1.thread } == [.init(thread: 0, result: "0"), .init(thread: 1, result: "-EPERM")])
        #expect(goal.win.broken == [.isolation])
        #expect(goal.win.group == .init(group: 0, owner: .dmaAPI, ownerCount: 1, domain: .default))
        #expect(goal.win.finished)
        #expect(goal.hints == ["step 1 first"])
    }

    @Test func anUnknownThreadIsRefused() {
        Self.expectError(#"results = { "claim 8 qemu" = "-EPERM" }"#, line: Self.winLine, value: "claim 8 qemu", says: "unknown thread")
    }

    @Test func anUnknownInvariantIsRefused() {
        Self.expectError("broken = [\"isolation\", \"iso-lation\"]", line: Self.winLine, value: "iso-lation", says: "unknown invariant")
    }

    @Test func anImpossibleResultNameIsRefused() {
        Self.expectError(#"results = { "claim 7 qemu" = "-EFAULTY" }"#, line: Self.winLine, value: "-EFAULTY", says: "impossible result")
    }

    @Test func anUnknownKeyOwnerOrEmptyWinIsRefused() {
        Self.expectError("winner = true", line: Self.winLine, value: "winner", says: "unknown key")
        Self.expectError(#"group = { id = 7, owner = "kvm" }"#, line: Self.winLine, value: "kvm", says: "unknown owner")
        Self.expectError(#"group = { id = 9 }"#, line: Self.winLine, value: "9", says: "unknown group")
        Self.expectError("finished = false", line: Self.headerLine, value: "win", says: "names no condition")
    }

    @Test func everyBuiltinScenarioStillLoadsWithoutAGoal() throws {
        for entry in BuiltinScenarios.all {
            #expect(try BuiltinScenarios.load(entry.name).goal == nil)
        }
    }
}
