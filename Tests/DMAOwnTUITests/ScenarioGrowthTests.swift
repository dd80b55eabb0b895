import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario
@testable import DMAOwnTUI

/// `:owner`, `:driver`, `:device`, the add dialog's "new …" entries and `W`: the scenario grows in
/// place, the session replays into it, and what `W` writes loads back unchanged.
@Suite struct ScenarioGrowthTests {
    /// Types `line` on the `:` line and enters it.
    @discardableResult
    static func command(_ s: inout AppState, _ line: String) -> [Effect] {
        Fixture.press(&s, .char(":"))
        Fixture.type(&s, line)
        return Fixture.press(&s, .enter)
    }

    @Test func unknownNamesHintAtTheCommandsThatAddThem() {
        var s = Fixture.builtin("robin-stale-owner")
        Self.command(&s, "claim 10 qemu")
        #expect(s.message?.text == "unknown owner 'qemu'; add it with :owner qemu")
        Fixture.press(&s, .escape)
        Self.command(&s, "bind 0a:00.0 vfio-pci")
        #expect(s.message?.text.hasPrefix("unknown driver 'vfio-pci'; add it with :driver vfio-pci") == true)
    }

    @Test func ownerDriverAndDeviceGrowTheTopologyAndKeepTheSchedule() throws {
        var s = Fixture.builtin("robin-stale-owner")
        Fixture.press(&s, .char("2"), .char("2"), .char("1"))
        let before = s.history.choices
        let world = s.world
        Self.command(&s, "owner qemu")
        #expect(s.overlay == nil)
        #expect(s.run.topology.owners == ["qemu"])
        #expect(s.message?.text.hasPrefix("added owner qemu") == true)
        Self.command(&s, "driver vfio-pci managed vfio")
        let d = try #require(s.run.topology.drivers.last)
        #expect(d == Topology.Driver(name: "vfio-pci", managedDMA: true, vfio: true))
        Self.command(&s, "driver flaky may_fail=pinctrl,probe")
        #expect(s.run.topology.drivers.last?.mayFail == [.pinctrl, .probe])
        #expect(s.run.topology.drivers.last?.managedDMA == false)
        // The schedule is replayed into the grown scenario: same choices, same world.
        #expect(s.history.choices == before)
        #expect(s.world == world)
        // A device in a new group grows the world; the schedule still replays.
        Self.command(&s, "device 11 0000:0b:00.0")
        #expect(s.run.topology.groups.map(\.id) == [10, 11])
        #expect(s.world.deviceCount == 3)
        #expect(s.history.choices == before)
        Self.command(&s, "bind 0b:00.0 vfio-pci")
        #expect(s.run.operations.count == 3)
        Self.command(&s, "claim 11 qemu")
        #expect(s.run.operations.count == 4)
        // And the scenario text a trace carries holds the new names.
        #expect(s.scenario.text.contains("owners = [\"qemu\"]"))
        #expect(s.scenario.expect == nil)
    }

    @Test func badAdditionsAreRefusedInWords() {
        var s = Fixture.builtin("robin-stale-owner")
        #expect(Self.command(&s, "owner r8169 extra") == [.bell])
        #expect(s.message?.text.contains("usage: owner NAME") == true)
        Fixture.press(&s, .escape)
        #expect(Self.command(&s, "driver e1000e") == [.bell])
        #expect(s.message?.text == "driver 'e1000e' exists already")
        Fixture.press(&s, .escape)
        #expect(Self.command(&s, "driver x may_fail=remove") == [.bell])
        #expect(s.message?.text.contains("unknown may_fail point 'remove'") == true)
        Fixture.press(&s, .escape)
        #expect(Self.command(&s, "device ten 0000:0c:00.0") == [.bell])
        #expect(s.message?.text.contains("'ten' is not a group number") == true)
        Fixture.press(&s, .escape)
        #expect(Self.command(&s, "device 10 0000:0a:00.1") == [.bell])
        #expect(s.message?.text == "device '0000:0a:00.1' exists already")
        // A refused line stays open for correction.
        if case .command(let c) = s.overlay { #expect(c.text == "device 10 0000:0a:00.1") } else { Issue.record("the : line closed") }
    }

    @Test func theAddDialogOffersANewOwnerAndComesBackWithIt() throws {
        var s = Fixture.builtin("robin-stale-owner")
        Fixture.press(&s, .char("a"))
        // claim is the third verb; its group list, then an owner list holding only "new owner…".
        Fixture.press(&s, .down, .down, .enter, .enter)
        guard case .add(let d) = s.overlay else { Issue.record("no add dialog"); return }
        #expect(d.words == ["claim", "10"])
        #expect(d.options == ["new owner…"])
        Fixture.press(&s, .enter)
        guard case .command(let c) = s.overlay else { Issue.record("no : line"); return }
        #expect(c.text == "owner ")
        #expect(c.resume == ["claim", "10"])
        Fixture.type(&s, "qemu")
        Fixture.press(&s, .enter)
        #expect(s.overlay == nil)
        #expect(s.run.operations.count == 3)
        #expect(s.run.line(of: 2) == "claim 10 qemu")
    }

    @Test func theNewDriverEntryIsLastInADriverList() {
        var s = Fixture.builtin("robin-stale-owner")
        Fixture.press(&s, .char("a"), .enter, .enter)
        guard case .add(let d) = s.overlay else { Issue.record("no add dialog"); return }
        #expect(d.options == ["e1000e", "r8169", "new driver…"])
    }

    @Test func wWritesAFileTheLoaderReadsBackAsTheSession() throws {
        var s = Fixture.builtin("robin-stale-owner")
        Self.command(&s, "owner qemu")
        Self.command(&s, "driver vfio-pci managed")
        Self.command(&s, "bind 0a:00.0 vfio-pci")
        Self.command(&s, "scheme merged")
        Fixture.press(&s, .char("W"))
        #expect(s.overlay == .prompt(PathPrompt(purpose: .scenario, text: "dmaown-scenario.toml")))
        let effects = Fixture.press(&s, .enter)
        guard case .writeScenario(let path, let text, let overwrite)? = effects.first else { Issue.record("no write: \(effects)"); return }
        #expect(path == "dmaown-scenario.toml" && !overwrite)
        let loaded = try ScenarioLoader.parse(text, source: path)
        #expect(loaded.scheme == .merged)
        #expect(loaded.topology.owners == ["qemu"])
        #expect(loaded.threads.map(loaded.topology.describe) == s.run.operations.map(s.run.topology.describe))
        #expect(loaded.expect == nil)
        // An existing file: the prompt asks, and Enter again replaces it.
        App.update(&s, .scenarioWritten(path: path, error: FileError("exists", exists: true)))
        #expect(s.overlay == .prompt(PathPrompt(purpose: .scenario, text: path, confirming: true)))
        guard case .writeScenario(_, _, let again)? = Fixture.press(&s, .enter).first else { Issue.record("no second write"); return }
        #expect(again)
        App.update(&s, .scenarioWritten(path: path, error: nil))
        #expect(s.message?.text.contains("dmaown check \(path)") == true)
    }

    @Test func completionKnowsTheNewCommands() {
        var c = CommandInput(text: "dri")
        var ok = c.complete(in: Fixture.topology)
        #expect(ok)
        #expect(c.text == "driver ")
        c.text = "driver x ma"
        ok = c.complete(in: Fixture.topology)
        #expect(ok)
        #expect(c.candidates == ["managed", "may_fail="])
        c.text = "driver x may"
        ok = c.complete(in: Fixture.topology)
        #expect(ok)
        #expect(c.text == "driver x may_fail=")
    }
}
