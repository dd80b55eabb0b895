extension BuiltinScenarios {
    /// A bridge without ACS puts a whole slot in one group.
    static let bridgeGroup = (name: "bridge-group", text: """
        title = "Behind a bridge without ACS: the bridge, a GPU and a NIC share a group"
        scheme = "merged"
        description = "The root port 0000:00:1c.0 has no ACS, so it and both endpoints behind it share group 4. The bridge is on pcieport (driver_managed_dma: no kernel count) and the GPU 0000:03:00.0 on vfio-pci. qemu claims the group while e1000e binds to the NIC 0000:03:00.1: the bridge is irrelevant, the claim and the bind race as in s5."
        try = "Check owner_cnt after the setup: the bridge on pcieport left it at 0. Then race the claim and the bind both ways."
        owners = ["qemu"]
        setup = ["bind 0000:00:1c.0 pcieport", "bind 0000:03:00.0 vfio-pci"]
        threads = ["claim 4 qemu", "bind 0000:03:00.1 e1000e"]

        [drivers]
        pcieport = { managed_dma = true }
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }

        [groups]
        4 = ["0000:00:1c.0", "0000:03:00.0", "0000:03:00.1"]

        [devices]
        "0000:00:1c.0" = { bridge = true }

        [expect]
        invariants = []
        outcomes = 2
        """)
}
