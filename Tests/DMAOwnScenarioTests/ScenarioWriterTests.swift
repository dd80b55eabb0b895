import DMAOwnEngine
import DMAOwnScenario
import Testing

@Suite struct ScenarioWriterTests {
    static let a = "0000:01:00.0", b = "0000:01:00.1", bridge = "0000:00:01.0"

    static func scenario() -> Scenario {
        let topo = Topology.make(
            groups: [(7, [a, b]), (12, [bridge])], bridges: [bridge],
            drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false),
                      .init(name: "flaky", managedDMA: false, mayFail: [.probe, .pinctrl])],
            owners: ["qemu"])
        return Scenario(
            title: "VFIO owns the group; a sibling binds \"e1000e\"", description: "Line one.\nLine two.",
            scheme: .merged, topology: topo,
            setup: [.bind(device: 0, driver: 0), .claim(group: 0, owner: 0)],
            threads: [.bind(device: 1, driver: 1), .release(group: 0, owner: 0)],
            expect: .init(invariants: [.warn, .isolation], outcomes: 2))
    }

    @Test func writesTheContractFormat() {
        #expect(ScenarioWriter.toml(Self.scenario()) == #"""
            title = "VFIO owns the group; a sibling binds \"e1000e\""
            scheme = "merged"
            description = "Line one.\nLine two."
            owners = ["qemu"]
            setup = ["bind 0000:01:00.0 vfio-pci", "claim 7 qemu"]
            threads = ["bind 0000:01:00.1 e1000e", "release 7 qemu"]

            [drivers]
            vfio-pci = { managed_dma = true, vfio = true }
            e1000e = { managed_dma = false }
            flaky = { managed_dma = false, may_fail = ["pinctrl", "probe"] }

            [groups]
            7 = ["0000:01:00.0", "0000:01:00.1"]
            12 = ["0000:00:01.0"]

            [devices]
            "0000:00:01.0" = { bridge = true }

            [expect]
            invariants = ["isolation", "warn"]
            outcomes = 2

            """#)
    }

    @Test func threadHintsAreACommentAboveTheThreads() {
        var s = Self.scenario()
        s.threads = []
        let lines = ScenarioWriter.toml(s, threadHints: ["unbind 0000:01:00.1", "claim 7 qemu"]).split(separator: "\n")
        let i = lines.firstIndex(of: "threads = []")
        #expect(i != nil)
        #expect(i.map { lines[$0 - 1] } == #"# threads = ["unbind 0000:01:00.1", "claim 7 qemu"]"#)
    }

    @Test func keysAreQuotedOnlyWhenTomlNeedsIt() {
        #expect(ScenarioWriter.key("vfio-pci") == "vfio-pci")
        #expect(ScenarioWriter.key("mlx5_vfio_pci") == "mlx5_vfio_pci")
        #expect(ScenarioWriter.key("7") == "7")
        #expect(ScenarioWriter.key("0000:01:00.0") == "\"0000:01:00.0\"")
        #expect(ScenarioWriter.key("fe200000.dma") == "\"fe200000.dma\"")
        #expect(ScenarioWriter.key("") == "\"\"")
    }

    @Test func stringsEscapeControlCharacters() {
        #expect(ScenarioWriter.quote("a\\b\t\u{1}") == #""a\\b\t\u0001""#)
    }

    @Test func longArraysGoOnePerLine() {
        var s = Self.scenario()
        s.setup = Array(repeating: .unbind(device: 1), count: 6)
        let text = ScenarioWriter.toml(s)
        #expect(text.contains("setup = [\n    \"unbind 0000:01:00.1\",\n"))
    }
}

@Suite struct ScenarioWriterRoundTripTests {
    /// The parts of a scenario that its TOML carries.
    func same(_ a: Scenario, _ b: Scenario) -> Bool {
        a.title == b.title && a.description == b.description && a.tryNote == b.tryNote && a.scheme == b.scheme
            && a.topology == b.topology && a.setup == b.setup && a.threads == b.threads && a.expect == b.expect
    }

    @Test func writeThenParseGivesTheSameScenario() throws {
        var s = ScenarioWriterTests.scenario()
        s.tryNote = "Step T1 to probe, then look at the group."
        let parsed = try ScenarioLoader.parse(ScenarioWriter.toml(s), source: "written")
        #expect(same(parsed, s))
    }

    @Test func anImportedMachineWritesAScenarioTheLoaderAccepts() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:01.0", pciClass: "0x060400", driver: "pcieport")
        try fx.device("pci0000:00/0000:00:01.0/0000:01:00.0", driver: "e1000e")
        try fx.device("pci0000:00/0000:00:01.0/0000:01:00.1")
        try fx.device("platform/fe200000.dma", pciClass: nil, driver: "vfio-platform")
        try fx.group(1, ["pci0000:00/0000:00:01.0", "pci0000:00/0000:00:01.0/0000:01:00.0", "pci0000:00/0000:00:01.0/0000:01:00.1"])
        try fx.group(9, ["platform/fe200000.dma"])
        let imported = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        let text = ScenarioWriter.toml(imported, threadHints: SysfsImporter.exampleThreads(for: imported))
        #expect(imported.text == text)
        let parsed = try ScenarioLoader.parse(text, source: "imported.toml")
        #expect(same(parsed, imported))
    }

    @Test func theExampleThreadsParseAgainstTheImportedTopology() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:02.0", driver: "nvme")
        try fx.device("pci0000:00/0000:00:02.1")
        try fx.group(2, ["pci0000:00/0000:00:02.0", "pci0000:00/0000:00:02.1"])
        var s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        let hints = SysfsImporter.exampleThreads(for: s)
        s.threads = try hints.map { try OperationGrammar.parse($0, in: s.topology).get() }
        let parsed = try ScenarioLoader.parse(ScenarioWriter.toml(s), source: "with-threads.toml")
        #expect(parsed.threads.map(parsed.topology.describe) == ["unbind 0000:00:02.0", "claim 2 qemu"])
    }
}

extension ScenarioWriterTests {
    /// `[kernel]` survives a write and a load, in each of its spellings.
    @Test(arguments: [("true", TestRemove.v5_19), ("\"5.19\"", .v5_19), ("\"6.6\"", .v6_6), ("false", .off)])
    func kernelTableRoundTrips(_ value: String, _ path: TestRemove) throws {
        let text = """
            scheme = "merged"
            threads = []
            [drivers]
            e1000e = { managed_dma = false }
            [groups]
            7 = ["0000:01:00.0"]
            [kernel]
            debug_test_remove = \(value)
            """
        let s = try ScenarioLoader.parse(text, source: "k.toml")
        #expect(s.topology.kernel.testRemove == path)
        let again = try ScenarioLoader.parse(ScenarioWriter.toml(s), source: "k2.toml")
        #expect(again.topology.kernel.testRemove == path)
    }
}
