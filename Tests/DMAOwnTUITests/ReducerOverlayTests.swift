import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

@Suite struct ReducerOverlayTests {
    @Test func addDialogPicksVerbThenOperandsAndAddsAThread() {
        var s = Fixture.state()
        Fixture.press(&s, .char("a"))
        guard case .add(let d) = s.overlay else { Issue.record("no add dialog"); return }
        #expect(d.options == OperationGrammar.verbs.map(\.verb))
        Fixture.press(&s, .down, .enter)  // unbind
        guard case .add(let d2) = s.overlay else { Issue.record("dialog closed early"); return }
        #expect(d2.words == ["unbind"])
        #expect(d2.options == [Fixture.a, Fixture.b, "new device…"])
        Fixture.press(&s, .enter)
        #expect(s.overlay == nil)
        #expect(s.run.operations.count == 3)
        #expect(s.run.line(of: 2) == "unbind \(Fixture.a)")
        #expect(s.selectedThread == 2)
    }

    @Test func addDialogBacksOutWithBackspaceAndEsc() {
        var s = Fixture.state()
        Fixture.press(&s, .char("a"), .enter, .backspace)
        guard case .add(let d) = s.overlay else { Issue.record("dialog closed"); return }
        #expect(d.words.isEmpty)
        Fixture.press(&s, .escape)
        #expect(s.overlay == nil)
        #expect(s.run.operations.count == 2)
    }

    @Test func threadAddedMidScheduleKeepsUndoAndStepsWorking() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"))
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "unbind 01:00.0")
        Fixture.press(&s, .enter)
        #expect(s.run.operations.count == 3)
        #expect(s.history.initial.threadCount == 3)
        #expect(s.world.threadCount == 3)
        Fixture.press(&s, .char("3"))
        #expect(s.history.choices.last == Choice(thread: 2))
        Fixture.press(&s, .char("u"), .char("u"), .char("u"))
        #expect(s.world == s.history.initial)
        Fixture.press(&s, .char("3"))
        #expect(s.history.choices == [Choice(thread: 2)])
    }

    @Test func commandLineRejectsBadLinesAndStaysOpen() {
        var s = Fixture.state()
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "bind 9999 e1000e")
        #expect(Fixture.press(&s, .enter) == [.bell])
        #expect(s.message?.text.contains("unknown device '9999'") == true)
        guard case .command = s.overlay else { Issue.record("command line closed"); return }
        Fixture.press(&s, .escape)
        #expect(s.overlay == nil)
        #expect(s.run.operations.count == 2)
    }

    @Test func tabCompletesVerbsThenNames() {
        var s = Fixture.state()
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, "cl")
        Fixture.press(&s, .tab)
        #expect(s.overlay == .command(CommandInput(text: "claim ")))
        Fixture.press(&s, .tab)
        #expect(s.overlay == .command(CommandInput(text: "claim 7 ")))
        Fixture.type(&s, "q")
        Fixture.press(&s, .tab)
        #expect(s.overlay == .command(CommandInput(text: "claim 7 qemu ")))
        #expect(Fixture.press(&s, .tab) == [.bell])  // nothing after the last operand
    }

    @Test func tabListsAmbiguousCandidatesAndCompletesDeviceParts() {
        var c = CommandInput(text: "bind 0000:01")
        var ok = c.complete(in: Fixture.topology); #expect(ok)
        #expect(c.text == "bind 0000:01:00.")
        #expect(c.candidates == [Fixture.a, Fixture.b])
        c = CommandInput(text: "bind 00.1")
        ok = c.complete(in: Fixture.topology); #expect(ok)
        #expect(c.text == "bind \(Fixture.b) ")
        c.text += "e"
        ok = c.complete(in: Fixture.topology); #expect(ok)
        #expect(c.text == "bind \(Fixture.b) e1000e ")
        c = CommandInput(text: "frobnicate ")
        ok = c.complete(in: Fixture.topology); #expect(!ok)
    }

    /// `s` opens the scheme picker; a digit or Enter switches and replays the schedule.
    static func pickScheme(_ s: inout AppState, _ id: SchemeID) {
        Fixture.press(&s, .char("s"))
        guard case .picker(let p) = s.overlay, p.purpose == .scheme else { Issue.record("no scheme picker"); return }
        #expect(p.entries[p.selected].name == s.scheme.rawValue, "the scheme in use is selected")
        let row = p.entries.firstIndex { $0.name == id.rawValue }!
        Fixture.press(&s, .char(Character(String(row + 1))))
        #expect(s.overlay == nil)
    }

    /// S5 under iommufd with a device claim added: four steps there, one `-EINVAL` step under
    /// merged, where device claims do not exist, so the schedule diverges at its second step.
    static func deviceClaimSession() -> AppState {
        var s = Fixture.state()
        Self.pickScheme(&s, .iommufd)
        Fixture.press(&s, .char(":")); Fixture.type(&s, "dclaim 01:00.0 qemu"); Fixture.press(&s, .enter)
        Fixture.finish(&s, thread: 2)
        Fixture.press(&s, .char("1"))
        return s
    }

    @Test func schemeSwitchReplaysTheScheduleAndSaysWhereItDiverges() {
        var s = Fixture.state(Fixture.s1(scheme: .merged))
        Fixture.finish(&s, thread: 0)
        let merged = s.history.choices
        #expect(Fixture.result(s, 0) == "-EBUSY")
        Self.pickScheme(&s, .iommufd)  // same steps apply
        #expect(s.scheme == .iommufd)
        #expect(s.history.choices == merged)
        #expect(s.message?.text.contains("replayed all") == true)

        var d = Self.deviceClaimSession()
        let steps = d.history.choices.count
        #expect(Fixture.result(d, 2) == "0")
        Self.pickScheme(&d, .merged)
        #expect(d.scheme == .merged)
        #expect(d.history.choices.count == 1)
        #expect(Fixture.result(d, 2) == "-EINVAL")
        #expect(d.message?.text.contains("diverges at step 2: thread 3 cannot step there (done, -EINVAL); kept 1 of \(steps) steps") == true)
    }

    /// Passing through a scheme where the schedule diverges and coming back loses nothing: the
    /// whole schedule, its redo tail and the selected row return.
    @Test func switchingBackRestoresTheWholeSchedule() {
        var s = Self.deviceClaimSession()
        Fixture.press(&s, .char("u"))
        let (choices, position) = (s.history.choices, s.history.position)
        Self.pickScheme(&s, .merged)
        #expect(s.history.choices.count < choices.count)
        Self.pickScheme(&s, .robin)
        Self.pickScheme(&s, .iommufd)
        #expect(s.history.choices == choices)
        #expect(s.history.position == position)
        #expect(s.message?.text.contains("replayed all \(choices.count) steps") == true)
        // A change made after switching starts afresh: the next switch replays what is there now.
        Self.pickScheme(&s, .merged)
        Fixture.press(&s, .char("1"))
        Self.pickScheme(&s, .iommufd)
        #expect(s.history.choices.count == 2)
    }

    @Test func schemePickerBacksOutWithEscape() {
        var s = Fixture.state()
        Fixture.press(&s, .char("s"), .down, .escape)
        #expect(s.overlay == nil)
        #expect(s.scheme == .merged)
    }

    @Test func helpOverlayOpensWithQuestionMarkOrF1AndListsEveryBinding() {
        var s = Fixture.state()
        Fixture.press(&s, .char("?"))
        #expect(s.overlay == .help)
        Fixture.press(&s, .escape)
        #expect(s.overlay == nil)
        Fixture.press(&s, .function(1))
        #expect(s.overlay == .help)
        Fixture.press(&s, .char("j"), .down, .down, .down)
        #expect(s.helpScroll == 4)
        Fixture.press(&s, .char("k"))
        #expect(s.helpScroll == 3)
        let top = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .unicode))
        #expect(!top.contains("SCENARIO"), "the first lines scrolled off")
        Fixture.press(&s, .char("G"))
        let bottom = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .unicode))
        #expect(bottom.contains("sources"), "the end of the help is the scheme's citations")
        let lines = HelpOverlay.lines(s)
        #expect(!KeyTable.bindings.isEmpty, "the loop below checks something")
        for b in KeyTable.bindings { #expect(lines.contains { $0.key == b.label && $0.text == b.help }) }
        #expect(lines.contains { $0.key == "theme" && $0.text.contains("default") })
        // Sections in order: this scenario, keys, concepts, invariants, the scheme in use.
        let headings = lines.filter { $0.text.isEmpty && !$0.key.isEmpty }.map(\.key)
        #expect(headings == ["SCENARIO", "KEYS", "CONCEPTS", "INVARIANTS", "SCHEME"])
        for inv in Invariant.allCases { #expect(lines.contains { $0.key == inv.rawValue }, "help lacks \(inv.rawValue)") }
        // 1…5 jump to the sections.
        #expect(!HelpOverlay.sectionStarts(s).isEmpty, "the loop below checks something")
        for (n, start) in HelpOverlay.sectionStarts(s).enumerated() {
            Fixture.press(&s, .char(Character(String(n + 1))))
            #expect(s.helpScroll == start && lines[start].key == HelpOverlay.sections[n])
        }
        #expect(s.overlay == .help, "digits in the help do not step threads")
        #expect(s.history.position == 0)
    }

    @Test func helpShowsTheScenariosWholeDescriptionAndTryNote() {
        let s = Fixture.builtin("s5-bind-vs-claim")
        let lines = HelpOverlay.lines(s)
        func paragraph(_ key: String) -> String {
            guard let i = lines.firstIndex(where: { $0.key == key }) else { return "" }
            return ([lines[i].text] + lines[(i + 1)...].prefix { $0.key.isEmpty && !$0.text.isEmpty }.map(\.text)).joined(separator: " ")
        }
        #expect(paragraph("about") == s.scenario.description)
        #expect(paragraph("try") == s.scenario.tryNote)
    }

    @Test func everyKeyInTheTableDispatchesToItsAction() {
        // No two bindings claim the same key, and every key finds its own row.
        var seen: Set<KeyEvent> = []
        #expect(!KeyTable.bindings.isEmpty, "the loop below checks something")
        for b in KeyTable.bindings {
            #expect(!b.keys.isEmpty, "the loop below checks something")
            for k in b.keys {
                #expect(!seen.contains(k), "\(k) bound twice")
                seen.insert(k)
                #expect(KeyTable.binding(for: k)?.action == b.action)
            }
        }
    }

    @Test func paneCyclingAndSelectionMoves() {
        var s = Fixture.state()
        #expect(s.focus == .threads)
        Fixture.press(&s, .tab); #expect(s.focus == .timeline)
        Fixture.press(&s, .tab); #expect(s.focus == .topology)
        Fixture.press(&s, .backTab); #expect(s.focus == .timeline)
        Fixture.press(&s, .char("l")); #expect(s.focus == .topology)
        Fixture.press(&s, .char("h")); #expect(s.focus == .timeline)
        Fixture.press(&s, .left); #expect(s.focus == .threads)
        Fixture.press(&s, .right, .right); #expect(s.focus == .topology)
        Fixture.press(&s, .down, .down, .down)
        #expect(s.selectedDevice == 1)
        Fixture.press(&s, .up)
        #expect(s.selectedDevice == 0)
        Fixture.press(&s, .tab, .char("j"), .char("j"))
        #expect(s.selectedThread == 1)
    }

    @Test func redrawMouseAndThemeEffects() {
        var s = Fixture.state()
        #expect(Fixture.press(&s, .ctrl("l")) == [.redraw])
        #expect(Fixture.press(&s, .char("m")) == [.setMouse(true)])
        #expect(s.wantsMouse)
        #expect(Fixture.press(&s, .char("m")) == [.setMouse(false)])
        #expect(Fixture.press(&s, .char("t")) == [.applyTheme("dark")])
        #expect(s.themeName == "dark")
        #expect(Fixture.press(&s, .char("t")) == [.applyTheme("default")])
    }

    @Test func quitAsksFirstOnlyWhenStepsAreUnsaved() {
        var s = Fixture.state()
        #expect(Fixture.press(&s, .char("q")) == [.quit])
        Fixture.press(&s, .char("1"))
        #expect(Fixture.press(&s, .char("q")).isEmpty)
        #expect(s.overlay == .confirmQuit)
        Fixture.press(&s, .char("n"))
        #expect(s.overlay == nil)
        Fixture.press(&s, .char("q"))
        #expect(Fixture.press(&s, .char("y")) == [.quit])
    }

    @Test func saveWritesTheScheduleAndMarksItSaved() {
        var s = Fixture.state()
        Fixture.press(&s, .char("2"), .char("1"))
        Fixture.press(&s, .char("w"))
        #expect(s.overlay == .prompt(PathPrompt(purpose: .save, text: "dmaown-trace.json")))
        Fixture.press(&s, .backspace, .backspace, .backspace, .backspace)
        Fixture.type(&s, "txt")
        let effects = Fixture.press(&s, .enter)
        guard case .saveTrace(let path, let json, _)? = effects.first else { Issue.record("no save effect: \(effects)"); return }
        #expect(path == "dmaown-trace.txt")
        #expect(json.contains("\"thread\" : 2"))
        #expect(json.contains("claim 7 qemu"))
        #expect(s.hasUnsavedSteps)
        App.update(&s, .saved(path: path, error: nil))
        #expect(!s.hasUnsavedSteps)
        #expect(Fixture.press(&s, .char("q")) == [.quit])
        App.update(&s, .saved(path: path, error: FileError("disk full")))
        #expect(s.message?.text.contains("disk full") == true)
    }

    @Test func loadAsksForAPathThenReplaysTheTraceWithItsScenario() throws {
        // Saved from the built-in S5 under robin, with a thread added live; loaded into a session on S1.
        var source = Fixture.state(try BuiltinScenarios.load("s5-bind-vs-claim"))
        Self.pickScheme(&source, .robin)
        #expect(source.scheme == .robin)
        Fixture.press(&source, .char(":")); Fixture.type(&source, "unbind 01:00.0"); Fixture.press(&source, .enter)
        Fixture.press(&source, .char("2"), .char("3"), .char("1"))
        Fixture.press(&source, .char("w"))
        guard case .saveTrace(_, let json, _)? = Fixture.press(&source, .enter).first else { Issue.record("no save"); return }
        let trace = try Trace.decode(json, source: "t.json")

        var s = Fixture.state(try BuiltinScenarios.load("s1-vfio-owns-sibling-binds"))
        Fixture.press(&s, .char("o"))
        #expect(Fixture.press(&s, .enter) == [.loadTrace(path: "dmaown-trace.json")])
        App.update(&s, .traceLoaded(.success(trace)))
        #expect(s.message?.kind == .info)
        #expect(s.scenario.title == source.scenario.title)
        #expect(s.scheme == .robin)
        #expect(s.run.operations == source.run.operations)
        #expect(s.history.choices == source.history.choices)
        #expect(s.world == source.world)
        #expect(!s.hasUnsavedSteps)
        Fixture.press(&s, .char("u"), .char("u"), .char("u"))
        #expect(s.world == s.history.initial)
    }

    @Test func loadRefusesATraceThatDoesNotReplayAndKeepsTheSession() throws {
        var source = Fixture.state(try BuiltinScenarios.load("s5-bind-vs-claim"))
        Fixture.press(&source, .char("1"))
        var trace = TraceBridge.make(source)
        trace.steps.append(Trace.Entry(thread: 9))
        var s = Fixture.s5Midway()
        let before = s.history
        let effects = App.update(&s, .traceLoaded(.success(trace)))
        #expect(effects == [.bell])
        #expect(s.message?.text.contains("thread 9 does not exist") == true)
        #expect(s.history == before)
        let failed = App.update(&s, .traceLoaded(.failure(FileError("no such file"))))
        #expect(failed == [.bell])
    }

    @Test func explorerStartsReportsProgressAndLoadsACounterexample() {
        var s = Fixture.state(Fixture.s1(scheme: .notifier))
        #expect(Fixture.press(&s, .char("x")) == [.startExplorer(job: s.explorerJobID)])
        #expect(s.explorerRunning)
        #expect(s.explorerJob.world == s.history.initial)
        let p = ExplorationProgress(states: 10, transitions: 12, depth: 3, fraction: 0.5)
        App.update(&s, .background(job: s.explorerJobID, .progress(p)))
        #expect(s.overlay == .explorer(ExplorerView(progress: p)))
        // A real shortest schedule to the isolation breach, found by stepping.
        var w = s.history.initial
        var schedule: [Choice] = []
        while !s.run.broken(in: w).contains(InvariantSet(.isolation)) {
            s.run.step(&w, thread: 0); schedule.append(Choice(thread: 0))
        }
        let result = Exploration(complete: true, states: 20, transitions: 25, seconds: 0.01, peakBytes: 0,
                                 violations: [Counterexample(invariant: .isolation, message: "e1000e does DMA", schedule: schedule)],
                                 outcomes: [Outcome(results: ["crashed"], schedules: 1)])
        App.update(&s, .background(job: s.explorerJobID, .finished(result)))
        #expect(!s.explorerRunning)
        #expect(s.overlay == .explorer(ExplorerView(result: result)))
        Fixture.press(&s, .enter)
        #expect(s.overlay == nil)
        #expect(s.history.choices == schedule)
        #expect(s.focus == .timeline)
        #expect(s.run.broken(in: s.world).contains(InvariantSet(.isolation)))
    }

    @Test func escCancelsARunningExplorer() {
        var s = Fixture.state()
        Fixture.press(&s, .char("x"))
        #expect(Fixture.press(&s, .escape) == [.cancelExplorer])
        #expect(s.overlay == nil)
        #expect(!s.explorerRunning)
        Fixture.press(&s, .char("x"))  // a new search may start at once
        #expect(s.explorerRunning)
        Fixture.press(&s, .escape)
        App.update(&s, .background(job: s.explorerJobID, .finished(Exploration(complete: false, cancelled: true, states: 3, transitions: 3,
                                                          seconds: 0, peakBytes: 0, violations: [], outcomes: []))))
        #expect(!s.explorerRunning)
        #expect(s.overlay == nil)
    }

    @Test func clicksStepThreadsAndJumpTimelineRows() {
        var s = Fixture.state()
        App.update(&s, .resize(Size(width: 80, height: 24)))
        let layout = Layout(size: s.size, run: s.run)
        // The second thread's header row.
        let row = ThreadsPane.visible(s, in: layout.threads.inner).first { $0.row == .header(1) }!
        Fixture.press(&s, .click(x: layout.threads.x + 3, y: row.y))
        #expect(s.history.choices == [Choice(thread: 1)])
        // To the claim's attach lock: a step with one way through leaves a one-row status line, so
        // the layout computed above still places the timeline rows where they are drawn.
        Fixture.press(&s, .char("2"), .char("2"), .char("2"))
        let first = TimelinePane.visible(s, in: layout.timeline.inner).first { $0.k == 1 }!
        Fixture.press(&s, .click(x: layout.timeline.x + 2, y: first.y))
        #expect(s.focus == .timeline)
        #expect(s.history.position == 1)
        // A click on the second device's row in the topology selects it.
        let buf = App.render(s, size: s.size, glyphs: .unicode)
        let deviceRow = buf.lines.firstIndex { $0.prefix(40).contains("01:00.1") }!
        Fixture.press(&s, .click(x: 5, y: deviceRow))
        #expect(s.focus == .topology)
        #expect(s.selectedDevice == 1)
    }

    @Test func scrollWheelMovesTheFocusedSelection() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"), .tab)
        Fixture.press(&s, .scrollUp)
        #expect(s.history.position == 1)
        Fixture.press(&s, .scrollDown)
        #expect(s.history.position == 2)
    }

    @Test func lookingAtAnEarlierRowOfASavedScheduleIsNotUnsaved() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("1"))
        App.update(&s, .saved(path: "p", error: nil))
        Fixture.press(&s, .char("u"))
        #expect(!s.hasUnsavedSteps)
        Fixture.press(&s, .char("2"))  // a branch is a change
        #expect(s.hasUnsavedSteps)
    }
}

extension ReducerOverlayTests {
    @Test func commandLineSetsSchemeAndSeed() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"))
        Fixture.press(&s, .char(":")); Fixture.type(&s, "sch"); Fixture.press(&s, .tab)
        Fixture.type(&s, "ro"); Fixture.press(&s, .tab)
        // "ro" completes as far as robin and robin-locked agree, and offers both.
        #expect(s.overlay == .command(CommandInput(text: "scheme robin", candidates: ["robin", "robin-locked"])))
        Fixture.press(&s, .enter)
        #expect(s.overlay == nil)
        #expect(s.scheme == .robin)
        #expect(s.history.choices == [Choice(thread: 0)])
        Fixture.press(&s, .char(":")); Fixture.type(&s, "seed 7"); Fixture.press(&s, .enter)
        #expect(s.seed == 7 && s.random == SplitMix64(seed: 7))
        Fixture.press(&s, .char(":")); Fixture.type(&s, "scheme linux")
        #expect(Fixture.press(&s, .enter) == [.bell])
        #expect(s.message?.text.contains("usage: scheme") == true)
    }
}

extension ReducerOverlayTests {
    @Test func pageAndHomeEndKeysMoveFarInTheFocusedPane() {
        var s = Fixture.state()
        for _ in 0..<12 { Fixture.press(&s, .char("1")) }
        let n = s.history.choices.count
        Fixture.press(&s, .tab)  // timeline
        Fixture.press(&s, .home)
        #expect(s.history.position == 0)
        Fixture.press(&s, .pageDown)
        #expect(s.history.position == min(10, n))
        Fixture.press(&s, .char("G"))
        #expect(s.history.position == n)
        Fixture.press(&s, .pageUp)
        #expect(s.history.position == max(0, n - 10))
        Fixture.press(&s, .char("g"))
        #expect(s.history.position == 0)
        Fixture.press(&s, .backTab, .end)  // threads
        #expect(s.selectedThread == 1)
    }

    @Test func helpHasAGlyphLegendInTheGlyphsOnScreen() {
        let s = SnapshotStates.help()
        let ascii = HelpOverlay.lines(s, glyphs: .ascii).map(\.text).joined(separator: "\n")
        #expect(ascii.contains("* runnable  = blocked  v done, 0  x error or crashed"))
        #expect(ascii.contains("#T1 lock held by thread 1"))
        let unicode = HelpOverlay.lines(s, glyphs: .unicode).map(\.text).joined(separator: "\n")
        #expect(unicode.contains("⇄ doing DMA"))
    }
}

extension ReducerOverlayTests {
    @Test func escClearsTheMessageAndBacksOutOfEveryOverlay() {
        var s = Fixture.state()
        #expect(s.message != nil)
        Fixture.press(&s, .escape)
        #expect(s.message == nil)
        for open in [KeyEvent.char("?"), .char(":"), .char("a"), .char("w"), .char("o")] {
            Fixture.press(&s, open)
            #expect(s.overlay != nil)
            Fixture.press(&s, .escape)
            #expect(s.overlay == nil)
        }
        Fixture.press(&s, .char("1"), .char("q"))
        #expect(s.overlay == .confirmQuit)
        Fixture.press(&s, .escape)
        #expect(s.overlay == nil)
    }

    @Test func addedOperationsCountAsUnsaved() {
        var s = Fixture.state()
        #expect(!s.hasUnsavedSteps)
        Fixture.press(&s, .char(":")); Fixture.type(&s, "unbind 01:00.0"); Fixture.press(&s, .enter)
        #expect(s.hasUnsavedSteps)
        #expect(Fixture.press(&s, .char("q")).isEmpty)
        #expect(s.overlay == .confirmQuit)
        let screen = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .ascii))
        #expect(screen.contains("Not saved: 0 steps and 1 added operation."))
        App.update(&s, .saved(path: "p", error: nil))
        #expect(!s.hasUnsavedSteps)
    }

    @Test func quitQuestionOffersToSaveFirst() {
        var s = Fixture.state()
        Fixture.press(&s, .char("1"), .char("q"), .char("w"))
        #expect(s.overlay == .prompt(PathPrompt(purpose: .save, text: "dmaown-trace.json")))
    }
}
