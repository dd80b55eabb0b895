import Testing
import DMAOwnEngine
import DMAOwnScenario
import DMAOwnTestSupport
@testable import DMAOwnTUI

/// Scenarios built in Swift (the built-in scenarios s1–s8) and helpers to drive the reducer with keys.
enum Fixture {
    static let a = "0000:01:00.0", b = "0000:01:00.1"
    static let topology = Topology.make(
        groups: [(7, [a, b])],
        drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false),
                  .init(name: "pci-stub", managedDMA: true), .init(name: "flaky", managedDMA: false, mayFail: [.pinctrl, .probe])],
        owners: ["qemu", "ctx2"])

    /// A failed test, not a trap, when `line` does not parse (see `TestWorld`).
    static func op(_ line: String, _ topo: Topology = topology) -> Operation { TestWorld.operation(line, in: topo) }

    /// S5: A bound to vfio-pci; bind B to e1000e ∥ claim 7 qemu.
    static func s5(scheme: SchemeID = .merged) -> Scenario {
        Scenario(title: "S5: bind races claim", scheme: scheme, topology: topology,
                 setup: [op("bind \(a) vfio-pci")], threads: [op("bind \(b) e1000e"), op("claim 7 qemu")],
                 source: "built-in:s5", text: "title = \"S5\"")
    }

    /// S1 under a scheme: A on vfio-pci claimed by qemu; bind B to e1000e (the notifier breaks isolation).
    static func s1(scheme: SchemeID) -> Scenario {
        Scenario(title: "S1: sibling bind under VFIO", scheme: scheme, topology: topology,
                 setup: [op("bind \(a) vfio-pci"), op("claim 7 qemu")], threads: [op("bind \(b) e1000e")],
                 source: "built-in:s1", text: "title = \"S1\"")
    }

    /// A bind whose driver may fail at pinctrl and probe.
    static func flaky() -> Scenario {
        Scenario(title: "flaky bind", scheme: .merged, topology: topology,
                 setup: [], threads: [op("bind \(b) flaky"), op("claim 7 qemu")], source: "built-in:flaky", text: "")
    }

    /// The built-in scenario `name`, opened as the TUI opens it.
    static func builtin(_ name: String) -> AppState {
        do {
            return state(try BuiltinScenarios.load(name))
        } catch {
            // A failed test, not a trap (which would hide every other test's result).
            Issue.record("built-in scenario \(name): \(error)")
            return state()
        }
    }

    /// The state the TUI opens on `scenario`. A setup that fails is a recorded failure and the
    /// state opens without the setup, so the test process carries on; the signature stays
    /// non-throwing so tests written against it elsewhere keep compiling.
    static func state(_ scenario: Scenario = s5(), themes: [String] = ["default", "dark"], seed: UInt64 = 1) -> AppState {
        do {
            return try AppState(scenario: scenario, themeNames: themes, seed: seed)
        } catch {
            Issue.record("fixture scenario '\(scenario.title)': \(error)")
            var bare = scenario
            bare.setup = []
            bare.setupLines = []
            do { return try AppState(scenario: bare, themeNames: themes, seed: seed) } catch {
                preconditionFailure("only a setup can fail to open, and this scenario has none: \(error)")
            }
        }
    }

    /// Feeds keys one by one; returns every effect asked for, in order.
    @discardableResult
    static func press(_ s: inout AppState, _ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { App.update(&s, .key($0)) }
    }

    /// Types a string as character keys.
    @discardableResult
    static func type(_ s: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { App.update(&s, .key(.char($0))) }
    }

    /// Steps thread `t` (0-based) until it is no longer runnable.
    static func finish(_ s: inout AppState, thread t: Int) {
        while case .runnable = s.run.status(of: t, in: s.world) { press(&s, .char(Character(String(t + 1)))) }
    }

    static func result(_ s: AppState, _ t: Int) -> String? { s.run.result(of: t, in: s.world) }
}

extension Fixture {
    /// Robin: A and B bound to e1000e; unbind A races a re-bind of B... (B starts unbound here).
    static func robinScan() -> Scenario {
        Scenario(title: "Robin: release scan meets a mid-bind sibling", scheme: .robin, topology: topology,
                 setup: [op("bind \(a) e1000e")], threads: [op("unbind \(a)"), op("bind \(b) e1000e")],
                 source: "built-in:robin", text: "")
    }

    /// S5 after T1 took three steps and T2 two (VFIO open, then the mutex): T2 holds the group mutex, T1 sits at dma_configure.
    static func s5Midway() -> AppState {
        var s = state()
        press(&s, .char("1"), .char("1"), .char("1"), .char("2"), .char("2"))
        return s
    }

    /// Robin with T2 mid-bind (driver set) and T1 holding the mutex at its release scan.
    static func robinMidScan() -> AppState {
        var s = state(robinScan())
        press(&s, .char("2"), .char("2"), .char("2"))  // device_lock, driver check, dev->driver = e1000e
        while s.run.currentStep(of: 0, in: s.world)?.role != .releaseScan { press(&s, .char("1")) }
        return s
    }
}
