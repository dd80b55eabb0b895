extension BuiltinScenarios {
    /// DOMAIN §6 S8: iommufd device claims by one context share the group.
    static let s8 = (name: "s8-iommufd-shared-claims", text: """
        title = "iommufd: one context shares a group's devices, another is refused"
        scheme = "iommufd"
        description = "Three functions of one card share group 7, all on vfio-pci. ctx1 claims 0000:01:00.0 and 0000:01:00.1 one device at a time, sharing the group (owner_cnt counts its claims); ctx2's claim of 0000:01:00.2 is refused with -EPERM. Whoever claims first decides: if ctx2 is first, both of ctx1's claims fail."
        try = "Let ctx1 claim both devices and watch owner_cnt reach 2. Then add 'drelease 01:00.0 ctx1' and 'drelease 01:00.1 ctx1' with : and step them: the default domain returns only with the last release."
        owners = ["ctx1", "ctx2"]
        setup = ["bind 0000:01:00.0 vfio-pci", "bind 0000:01:00.1 vfio-pci", "bind 0000:01:00.2 vfio-pci"]
        threads = ["dclaim 0000:01:00.0 ctx1", "dclaim 0000:01:00.1 ctx1", "dclaim 0000:01:00.2 ctx2"]

        [drivers]
        vfio-pci = { managed_dma = true }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1", "0000:01:00.2"]

        [expect]
        invariants = []
        outcomes = 2
        """)
}
