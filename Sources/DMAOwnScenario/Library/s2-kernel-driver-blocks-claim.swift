extension BuiltinScenarios {
    /// DOMAIN §6 S2: a bound DMA-API sibling refuses the claim.
    static let s2 = (name: "s2-kernel-driver-blocks-claim", text: """
        title = "A kernel driver on a sibling refuses the VM's claim"
        scheme = "merged"
        description = "0000:01:00.1 is bound to e1000e, which took a kernel count (owner_cnt = 1) at dma_configure. Claiming group 7 for a VM must fail with -EPERM: a user may own the group only when no kernel driver uses it."
        try = "Step the claim and read owner_cnt before iommu_group_claim_dma_owner decides. Then add 'unbind 01:00.1' with : and run it first: the claim succeeds (that is S6)."
        owners = ["qemu"]
        setup = ["bind 0000:01:00.1 e1000e", "bind 0000:01:00.0 vfio-pci"]
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
