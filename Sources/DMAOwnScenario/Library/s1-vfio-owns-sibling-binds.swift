extension BuiltinScenarios {
    /// DOMAIN §6 S1: the bind a user-owned group must refuse before probe().
    static let s1 = (name: "s1-vfio-owns-sibling-binds", text: """
        title = "VFIO owns the group; a sibling binds a kernel driver"
        scheme = "merged"
        description = "0000:01:00.0 is on vfio-pci and a VM (qemu) has claimed group 7. Binding e1000e to the sibling 0000:01:00.1 must fail before probe() can start DMA: iommu_device_use_default_domain() sees the user owner and returns -EBUSY."
        try = "Step the bind and watch it stop at iommu_device_use_default_domain. Then switch to the notifier scheme: probe() runs, isolation breaks, and the group notifier hits BUG_ON."
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci", "claim 7 qemu"]
        threads = ["bind 0000:01:00.1 e1000e"]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }
        pci-stub = { managed_dma = true }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]

        [expect]
        invariants = []
        outcomes = 1
        """)
}
