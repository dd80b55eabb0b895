extension BuiltinScenarios {
    /// DOMAIN §6 S4: a bridge on pcieport does not block a claim.
    static let s4 = (name: "s4-bridge-on-pcieport", text: """
        title = "A bridge on pcieport shares the group with a passed-through GPU"
        scheme = "merged"
        description = "The root port 0000:00:01.0 and the GPU behind it share group 1. pcieport is driver_managed_dma, so the bridge takes no kernel count and the VM's claim succeeds. Any other bridge driver, such as shpchp here, is an ordinary DMA-API driver and would make the claim fail with -EPERM."
        try = "Edit the setup to bind the bridge to shpchp instead (dmaown scenarios show s4-bridge-on-pcieport) and run the claim again: -EPERM."
        owners = ["qemu"]
        setup = ["bind 0000:00:01.0 pcieport", "bind 0000:01:00.0 vfio-pci"]
        threads = ["claim 1 qemu"]

        [drivers]
        pcieport = { managed_dma = true }
        shpchp = { managed_dma = false }
        vfio-pci = { managed_dma = true }

        [groups]
        1 = ["0000:00:01.0", "0000:01:00.0"]

        [devices]
        "0000:00:01.0" = { bridge = true }

        [expect]
        invariants = []
        outcomes = 1
        """)
}
