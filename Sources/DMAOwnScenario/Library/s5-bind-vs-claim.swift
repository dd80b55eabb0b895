extension BuiltinScenarios {
    /// DOMAIN §6 S5, the default: a kernel bind races a user claim.
    static let s5 = (name: "s5-bind-vs-claim", text: """
        title = "A kernel bind races a VM's claim of the same group"
        scheme = "merged"
        description = "e1000e binds to 0000:01:00.1 while qemu claims group 7. Both decide under group->mutex, so exactly one wins: the bind takes its count first and the claim gets -EPERM, or the claim takes the group first and the bind gets -EBUSY before probe(). No order lets e1000e do DMA in a user-owned group."
        try = "Run the claim's first two steps, then step the bind: it stops at iommu_device_use_default_domain with -EBUSY. Go back and run the bind to probe() first: the claim is refused. Switch to the notifier scheme: its claim only reads the siblings' drivers, so find the order where the claim succeeds, e1000e probes in the VM's group and the notifier crashes the machine."
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci"]
        threads = ["bind 0000:01:00.1 e1000e", "claim 7 qemu"]

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
