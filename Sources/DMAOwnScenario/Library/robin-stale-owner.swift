extension BuiltinScenarios {
    /// DOMAIN §5.1's hole: case 2.a trusts a bind that then fails at pinctrl.
    static let robinStaleOwner = (name: "robin-stale-owner", text: """
        title = "Robin's scheme: a bind that fails at pinctrl leaves a stale owner"
        scheme = "robin"
        description = "e1000e is unbound from 0000:0a:00.0 while r8169 binds to 0000:0a:00.1. If the scan runs after r8169 set dev->driver but before its claim, it keeps the DMA-API ownership for it (case 2.a.i). If r8169 then fails at pinctrl_bind_pins, no cleanup runs: the group stays owned by the kernel DMA API with no kernel driver bound (stale-owner), and a later VFIO claim would be refused forever."
        try = "Step the r8169 bind to pinctrl_bind_pins, run the unbind to the end, then take the failure branch at pinctrl. Compare with the merged scheme, where the count is taken only after pinctrl."
        owners = []
        setup = ["bind 0000:0a:00.0 e1000e"]
        threads = ["unbind 0000:0a:00.0", "bind 0000:0a:00.1 r8169"]

        [drivers]
        e1000e = { managed_dma = false }
        r8169 = { managed_dma = false, may_fail = ["pinctrl"] }

        [groups]
        10 = ["0000:0a:00.0", "0000:0a:00.1"]

        [expect]
        invariants = ["stale-owner"]
        outcomes = 2
        """)
}
