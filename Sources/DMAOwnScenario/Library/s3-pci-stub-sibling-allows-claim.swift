extension BuiltinScenarios {
    /// DOMAIN §6 S3: a managed sibling driver takes no count.
    static let s3 = (name: "s3-pci-stub-sibling-allows-claim", text: """
        title = "A pci-stub sibling does not stand in the VM's way"
        scheme = "merged"
        description = "0000:01:00.1 is bound to pci-stub, a driver_managed_dma driver that does no DMA through the DMA API and never takes a kernel count. owner_cnt stays 0, so the claim of group 7 succeeds and attaches the blocking domain, then qemu's own."
        try = "Compare with s2: the only difference is the sibling's driver. Watch owner_cnt stay 0 through the setup."
        owners = ["qemu"]
        setup = ["bind 0000:01:00.1 pci-stub", "bind 0000:01:00.0 vfio-pci"]
        threads = ["claim 7 qemu"]

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
