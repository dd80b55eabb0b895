import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// Issue 11 item 4: CONFIG_DEBUG_TEST_DRIVER_REMOVE. Before 6.6 really_probe's test_remove path
/// called no dma_cleanup, so a DMA-API driver's count leaked; 6.6 (commit f429378a9bf8) fixed it.
@Suite struct TestRemoveTests {
    static func topology(_ path: TestRemove) -> Topology {
        Topology.make(groups: [(7, [Fixture.a, Fixture.b])], drivers: FidelityFixture.drivers, owners: ["qemu"],
                      kernel: KernelConfig(testRemove: path))
    }
    static let setup = ["bind 01:00.0 vfio-pci"], threads = ["bind 01:00.1 e1000e", "claim 7 qemu"]

    /// 5.19: the bind ends with owner_cnt 2 and one driver bound. Shortest: the bind's fifteen
    /// steps (two probe attempts) and the claim's two.
    @Test func before6_6TheCountLeaks() {
        let e = FidelityFixture.explore(.merged, setup: Self.setup, threads: Self.threads, topology: Self.topology(.v5_19))
        #expect(e.complete)
        #expect(e.broken == [.staleOwner])
        #expect(Set(e.outcomes.map(\.results)) == [["0", "-EPERM"], ["-EBUSY", "0"]])
        #expect(FidelityFixture.shortest(e, .staleOwner) == 18, "17 steps and the unbind's unlocked unbind_store check")
    }

    /// 6.6: the count is given back before the re-probe; a claim may slip in between, and then the
    /// second dma_configure is refused. Nothing goes stale.
    @Test func from6_6TheCountIsReturned() {
        let e = FidelityFixture.explore(.merged, setup: Self.setup, threads: Self.threads, topology: Self.topology(.v6_6))
        #expect(e.complete)
        #expect(e.broken.isEmpty)
        #expect(Set(e.outcomes.map(\.results)) == [["0", "-EPERM"], ["-EBUSY", "0"]])
    }

    /// After the leak, unbinding e1000e leaves owner_cnt 1 and every VFIO claim fails with -EPERM.
    @Test(arguments: [TestRemove.v5_19, .v6_6])
    func aLaterClaim(path: TestRemove) {
        let topo = Self.topology(path)
        let ops = ["bind 01:00.0 vfio-pci", "bind 01:00.1 e1000e", "unbind 01:00.1", "claim 7 qemu"].map { Fixture.op($0, topo) }
        let result = Run.runSequentially(ops, topology: topo, scheme: Schemes.scheme(.merged), from: World(topology: topo))
        switch path {
        case .v5_19: #expect(result == .failure(.failed(index: 3, result: .EPERM)))
        default: #expect((try? result.get()) != nil)
        }
    }

    /// Off, the bind is one probe; on, the program carries a second attempt after test_remove.
    @Test func theSecondAttemptIsInTheProgram() {
        func steps(_ path: TestRemove) -> [Step] {
            let topo = Self.topology(path)
            return Schemes.scheme(.merged).program(for: Fixture.op("bind 01:00.1 e1000e", topo), in: topo).steps
        }
        #expect(!steps(.off).contains { $0.code.hasPrefix("test_remove") })
        #expect(steps(.v5_19).filter { $0.function == "iommu_device_use_default_domain" }.count == 4)
        #expect(steps(.v5_19).filter { $0.function == "iommu_device_unuse_default_domain" }.count == 2, "only the failed-probe exit gives back")
        #expect(steps(.v6_6).filter { $0.function == "iommu_device_unuse_default_domain" }.count == 4, "and 6.6's test_remove path")
    }
}
