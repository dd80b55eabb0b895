extension BuiltinScenarios {
    /// Robin's case 4: siblings mid-unbind during a release scan.
    static let robinCase4 = (name: "robin-case-4", text: """
        title = "Robin's case 4: siblings are mid-unbind when the scan runs"
        scheme = "robin"
        description = "Every device of groups 8 and 9 is unbound at once. In group 8 (DMA-API owned) a scan can find the other e1000e port mid-unbind (case 4.a.i: this scan releases for both, its own later finds nothing to do) or the pci-stub function mid-unbind (case 4.a.ii: irrelevant). In group 9, owned through vfio-pci, a scan finds the other vfio-pci function mid-unbind (case 4.b: user-owned)."
        try = "Step two unbinds of group 8 until both have cleared dev->driver, then let one scan: the other is labelled 4.a.i and ownership is dropped once for both."
        owners = ["qemu"]
        setup = [
            "bind 0000:08:00.0 e1000e",
            "bind 0000:08:00.1 e1000e",
            "bind 0000:08:00.2 pci-stub",
            "bind 0000:09:00.0 vfio-pci",
            "bind 0000:09:00.1 vfio-pci",
            "claim 9 qemu",
        ]
        threads = ["unbind 0000:08:00.0", "unbind 0000:08:00.1", "unbind 0000:08:00.2", "unbind 0000:09:00.0", "unbind 0000:09:00.1"]

        [drivers]
        e1000e = { managed_dma = false }
        vfio-pci = { managed_dma = true }
        pci-stub = { managed_dma = true }

        [groups]
        8 = ["0000:08:00.0", "0000:08:00.1", "0000:08:00.2"]
        9 = ["0000:09:00.0", "0000:09:00.1"]

        [expect]
        invariants = []
        outcomes = 1
        """)
}
