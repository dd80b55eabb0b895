extension BuiltinScenarios {
    /// Robin's case 1: bound siblings during a release scan.
    static let robinCase1 = (name: "robin-case-1", text: """
        title = "Robin's case 1: bound siblings keep or ignore the ownership"
        scheme = "robin"
        description = "Two release scans, one per group. In group 13 two e1000e ports are bound and 0000:04:00.0 is unbound: its scan finds 0000:04:00.1 in case 1.a (a bound DMA-API driver), so the group stays DMA-API owned. In group 12 vfio-pci owns the group and 0000:03:00.0 is unbound: its scan finds 0000:03:00.1 in case 1.b (bound to the owning managed driver, nothing changes) and 0000:03:00.2 in case 1.c (pci-stub, not the owner: irrelevant)."
        try = "Step either unbind to its release scan (iommu_device_unuse_default_domain with the mutex held) and read the case labels on the siblings."
        owners = ["qemu"]
        setup = [
            "bind 0000:03:00.0 vfio-pci",
            "bind 0000:03:00.1 vfio-pci",
            "bind 0000:03:00.2 pci-stub",
            "claim 12 qemu",
            "bind 0000:04:00.0 e1000e",
            "bind 0000:04:00.1 e1000e",
        ]
        threads = ["unbind 0000:03:00.0", "unbind 0000:04:00.0"]

        [drivers]
        e1000e = { managed_dma = false }
        vfio-pci = { managed_dma = true }
        pci-stub = { managed_dma = true }

        [groups]
        12 = ["0000:03:00.0", "0000:03:00.1", "0000:03:00.2"]
        13 = ["0000:04:00.0", "0000:04:00.1"]

        [expect]
        invariants = []
        outcomes = 1
        """)
}
