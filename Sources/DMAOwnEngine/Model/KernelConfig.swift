/// Kernel build options that change the modelled paths (a scenario's `[kernel]` table).
public struct KernelConfig: Hashable, Sendable {
    /// `CONFIG_DEBUG_TEST_DRIVER_REMOVE`, and which `really_probe` test_remove path is built.
    public var testRemove: TestRemove

    public init(testRemove: TestRemove = .off) { self.testRemove = testRemove }
}

/// `CONFIG_DEBUG_TEST_DRIVER_REMOVE`: after a successful probe, `really_probe` removes the driver
/// and probes again, to exercise every driver's remove() path (drivers/base/dd.c, `test_remove`).
public enum TestRemove: String, Hashable, Sendable, CaseIterable {
    /// The option is off: one probe.
    case off
    /// 5.19 to 6.5: the test_remove path calls no `dma_cleanup`, so the ownership taken at the first
    /// `dma_configure` is never given back and the second one takes it again (a DMA-API count leaks).
    case v5_19 = "5.19"
    /// 6.6 on: commit f429378a9bf8 ("driver core: Call dma_cleanup() on the test_remove path",
    /// Jason Gunthorpe; also backported to 6.1, 6.4 and 6.5 stable) pairs the two.
    case v6_6 = "6.6"

    /// Whether the test_remove path runs at all.
    public var enabled: Bool { self != .off }
}
