extension BuiltinScenarios {
    /// DOMAIN §6 S6: the claim succeeds only once the unbind gave its count back.
    static let s6 = (name: "s6-claim-after-unbind", text: """
        title = "Unbinding the kernel driver frees the group for the VM"
        scheme = "merged"
        description = "e1000e on 0000:01:00.1 holds a kernel count. It is unbound while qemu claims group 7: the claim gets -EPERM until the unbind's dma_cleanup (iommu_device_unuse_default_domain) has dropped owner_cnt to 0, and succeeds after. remove() stops DMA before the count is returned, so isolation holds either way."
        try = "Step the unbind to just before iommu_device_unuse_default_domain and try the claim: -EPERM. Go back, finish the unbind first: the claim succeeds."
        owners = ["qemu"]
        setup = ["bind 0000:01:00.1 e1000e", "bind 0000:01:00.0 vfio-pci"]
        threads = ["unbind 0000:01:00.1", "claim 7 qemu"]

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
