import DMAOwnEngine
import DMAOwnScenario
import Testing

/// The driver key `vfio` (CONTRACT §2, DOMAIN §3.1): which drivers give a user `/dev/vfio/N`.
@Suite struct VFIODriverKeyTests {
    static func scenario(_ drivers: String, threads: String = "[\"claim 7 qemu\"]") throws -> Scenario {
        try ScenarioLoader.parse("""
            scheme = "merged"
            owners = ["qemu"]
            setup = ["bind 0000:01:00.0 mydrv"]
            threads = \(threads)

            [drivers]
            \(drivers)

            [groups]
            7 = ["0000:01:00.0", "0000:01:00.1"]
            """, source: "vfio.toml")
    }

    /// Names beginning `vfio` or ending `-vfio-pci`/`_vfio_pci` are VFIO drivers unless the file says otherwise.
    @Test(arguments: [("vfio-pci", true), ("vfio-platform", true), ("mlx5_vfio_pci", true), ("acme-vfio-pci", true),
                      ("pci-stub", false), ("pcieport", false), ("e1000e", false)])
    func theNamingRule(name: String, vfio: Bool) {
        #expect(Topology.Driver(name: name, managedDMA: true).vfio == vfio)
        #expect(Topology.Driver(name: name, managedDMA: true, vfio: !vfio).vfio == !vfio, "an explicit value wins")
    }

    /// A managed driver marked `vfio = true` makes the group claimable; `vfio = false` does not.
    @Test(arguments: [(true, "0"), (false, "-ENODEV")])
    func theKeyDecidesWhetherTheGroupCanBeClaimed(vfio: Bool, result: String) throws {
        let s = try Self.scenario("mydrv = { managed_dma = true, vfio = \(vfio) }")
        #expect(s.topology.drivers[0].vfio == vfio)
        let (run, world) = try s.prepare().get()
        var w = world
        while case .runnable = run.status(of: 0, in: w) { run.step(&w, thread: 0) }
        #expect(run.result(of: 0, in: w) == result)
    }

    @Test func aWrongTypeNamesTheLineAndValue() {
        #expect(throws: ScenarioError.self) { try Self.scenario("mydrv = { managed_dma = true, vfio = \"yes\" }") }
        do { _ = try Self.scenario("mydrv = { managed_dma = true, vfio = \"yes\" }") } catch let e as ScenarioError {
            #expect(e.description.hasPrefix("vfio.toml:7:"), "\(e.description)")
        } catch { Issue.record("unexpected \(error)") }
    }

    /// The writer says `vfio` wherever it is true or goes against the naming rule, so files round-trip.
    @Test func theWriterKeepsTheKey() throws {
        let s = try Self.scenario("mydrv = { managed_dma = true, vfio = true }\nvfio-pci = { managed_dma = true, vfio = false }", threads: "[]")
        let text = ScenarioWriter.toml(s)
        #expect(text.contains("mydrv = { managed_dma = true, vfio = true }"))
        #expect(text.contains("vfio-pci = { managed_dma = true, vfio = false }"))
        let back = try ScenarioLoader.parse(text, source: "back.toml")
        #expect(back.topology.drivers.map(\.vfio) == [true, false])
    }

    /// import-sysfs marks the VFIO drivers it knows, and only those.
    @Test func importSysfsMarksVFIODrivers() throws {
        let fx = try SysfsFixture()
        try fx.device("pci0000:00/0000:00:02.0", pciClass: "0x030000", driver: "vfio-pci")
        try fx.device("pci0000:00/0000:00:03.0", pciClass: "0x020000", driver: "mlx5_vfio_pci")
        try fx.device("pci0000:00/0000:00:04.0", pciClass: "0x020000", driver: "pci-stub")
        try fx.device("pci0000:00/0000:00:05.0", pciClass: "0x020000", driver: "e1000e")
        try fx.group(2, ["pci0000:00/0000:00:02.0", "pci0000:00/0000:00:03.0", "pci0000:00/0000:00:04.0", "pci0000:00/0000:00:05.0"])
        let s = try SysfsImporter.importTopology(root: fx.root, managed: ManagedDrivers.known)
        let vfio = Dictionary(uniqueKeysWithValues: s.topology.drivers.map { ($0.name, $0.vfio) })
        #expect(vfio == ["vfio-pci": true, "mlx5_vfio_pci": true, "pci-stub": false, "e1000e": false])
        #expect(s.text.contains("vfio-pci = { managed_dma = true, vfio = true }"))
    }
}
