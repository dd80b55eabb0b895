extension BuiltinScenarios {
    /// Robin's case 2: siblings mid-bind during a release scan.
    static let robinCase2 = (name: "robin-case-2", text: """
        title = "Robin's case 2: a sibling is mid-bind when the release scan runs"
        scheme = "robin"
        description = "e1000e is unbound from 0000:05:00.0 while e1000e binds to 0000:05:00.1 and pci-stub to 0000:05:00.2. A bind sets dev->driver before it claims, so the scan, which reads drivers without their locks, can find 0000:05:00.1 in case 2.a.i: ownership passes to it directly and its later claim is a no-op success. 0000:05:00.2 mid-bind is case 2.b (a managed driver: irrelevant)."
        try = "Step the e1000e bind past 'dev->driver = drv' but not to its claim, then run the unbind to its scan: 0000:05:00.1 is labelled 2.a.i and the group stays DMA-API owned."
        owners = []
        setup = ["bind 0000:05:00.0 e1000e"]
        threads = ["unbind 0000:05:00.0", "bind 0000:05:00.1 e1000e", "bind 0000:05:00.2 pci-stub"]

        [drivers]
        e1000e = { managed_dma = false }
        vfio-pci = { managed_dma = true }
        pci-stub = { managed_dma = true }

        [groups]
        5 = ["0000:05:00.0", "0000:05:00.1", "0000:05:00.2"]

        [expect]
        invariants = []
        outcomes = 1
        """)
}
