extension BuiltinScenarios {
    /// Robin's case 2: siblings mid-bind during a release scan.
    static let robinCase2 = (name: "robin-case-2", text: """
        title = "Robin's case 2: a sibling is mid-bind when the release scan runs"
        scheme = "robin"
        description = "A bind sets dev->driver before it claims, and a release scan reads the siblings' drivers without their locks. In group 5, e1000e is unbound from 0000:05:00.0 while e1000e binds to 0000:05:00.1 and pci-stub to 0000:05:00.2: the scan can find 0000:05:00.1 in case 2.a.i (ownership passes to it directly; its later claim is a no-op success) and 0000:05:00.2 in case 2.b (a managed driver: irrelevant). In group 11, owned through vfio-pci, 0000:0b:00.1 leaves vfio-pci while e1000e binds to 0000:0b:00.2: case 2.a.ii, and the bind finds the group still user-owned at its claim (-EBUSY)."
        try = "Step the e1000e bind on 0000:05:00.1 past 'dev->driver = drv' but not to its claim, then run the unbind of 0000:05:00.0 to its scan: 0000:05:00.1 is labelled 2.a.i and the group stays DMA-API owned. Do the same in group 11 for 2.a.ii."
        owners = ["qemu"]
        setup = [
            "bind 0000:05:00.0 e1000e",
            "bind 0000:0b:00.0 vfio-pci",
            "bind 0000:0b:00.1 vfio-pci",
            "claim 11 qemu",
        ]
        threads = [
            "unbind 0000:05:00.0",
            "bind 0000:05:00.1 e1000e",
            "bind 0000:05:00.2 pci-stub",
            "unbind 0000:0b:00.1",
            "bind 0000:0b:00.2 e1000e",
        ]

        [drivers]
        e1000e = { managed_dma = false }
        vfio-pci = { managed_dma = true }
        pci-stub = { managed_dma = true }

        [groups]
        5 = ["0000:05:00.0", "0000:05:00.1", "0000:05:00.2"]
        11 = ["0000:0b:00.0", "0000:0b:00.1", "0000:0b:00.2"]

        [expect]
        invariants = []
        outcomes = 1
        """)
}
