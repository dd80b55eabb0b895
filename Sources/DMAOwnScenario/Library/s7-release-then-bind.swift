extension BuiltinScenarios {
    /// DOMAIN §6 S7: release restores the default domain, then kernel binds succeed.
    static let s7 = (name: "s7-release-then-bind", text: """
        title = "The VM lets go; a kernel driver may bind again"
        scheme = "merged"
        description = "qemu releases group 7 while e1000e binds to 0000:01:00.1. Release first detaches qemu's domain (back to blocking, still owned), then drops ownership and restores the default domain. A bind that reaches dma_configure before that gets -EBUSY; one that comes after succeeds."
        try = "Step the release until it has detached qemu's domain, then run the bind: the group is still owned, -EBUSY. Go back and finish the release first: the bind succeeds on the default domain."
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci", "claim 7 qemu"]
        threads = ["release 7 qemu", "bind 0000:01:00.1 e1000e"]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }
        pci-stub = { managed_dma = true }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]

        [expect]
        invariants = []
        outcomes = 2
        """)
}
