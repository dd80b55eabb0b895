extension BuiltinScenarios {
    /// Robin's case 3: an idle sibling during a release scan.
    static let robinCase3 = (name: "robin-case-3", text: """
        title = "Robin's case 3: an unbound sibling has no say"
        scheme = "robin"
        description = "e1000e is unbound from 0000:06:00.0 while a VM claims group 6 through 0000:06:00.2 on vfio-pci. The scan finds 0000:06:00.1 unbound and idle (case 3: no effect) and 0000:06:00.2 bound to a managed driver that does not own the group (case 1.c), so it drops the DMA-API ownership. The claim succeeds only after that scan; before it, it gets -EBUSY."
        try = "Run the unbind to its scan and read the labels, then run the claim. Go back and run the claim first: -EBUSY, the kernel still owns the group."
        owners = ["qemu"]
        setup = ["bind 0000:06:00.0 e1000e", "bind 0000:06:00.2 vfio-pci"]
        threads = ["unbind 0000:06:00.0", "claim 6 qemu"]

        [drivers]
        e1000e = { managed_dma = false }
        vfio-pci = { managed_dma = true }
        pci-stub = { managed_dma = true }

        [groups]
        6 = ["0000:06:00.0", "0000:06:00.1", "0000:06:00.2"]

        [expect]
        invariants = []
        outcomes = 2
        """)
}
