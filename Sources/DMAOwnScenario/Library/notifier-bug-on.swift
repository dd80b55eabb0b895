extension BuiltinScenarios {
    /// The pre-5.19 crash the series was written to fix.
    static let notifierBugOn = (name: "notifier-bug-on", text: """
        title = "Before 5.19: the kernel driver probes, then VFIO crashes the machine"
        scheme = "notifier"
        description = "Before Linux 5.19 nothing stopped a kernel driver from binding in a group VFIO had handed to a VM. e1000e binds to 0000:01:00.1: its probe() starts DMA while qemu's domain is attached (isolation is broken), and only at the BOUND_DRIVER notification does vfio_iommu_group_notifier() notice and BUG_ON()."
        try = "Step the bind one step at a time and watch isolation break at probe(), one step before the BUG_ON. Then switch to the merged scheme: the bind stops with -EBUSY before probe()."
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
        invariants = ["isolation", "bug-on"]
        outcomes = 1
        """)
}
