extension BuiltinScenarios {
    /// The v6 series as posted: a second claim by the same owner nests.
    static let v6NestedClaim = (name: "v6-nested-claim", text: """
        title = "v6 as posted: the same owner claims twice and the count nests"
        scheme = "v6"
        description = "qemu already owns group 7 and claims it again while also releasing it. In the v6 series a claim by the same token nests (owner_cnt += 1) and a release only restores the default domain when the count reaches 0; the merged scheme dropped nesting and refuses any second claim with -EPERM."
        try = "Run the second claim first and watch owner_cnt reach 2; the release then only decrements. Switch to merged: the second claim gets -EPERM. Then run the release's detach first, then the whole claim, then the rest of the release: the release reads owner_cnt again under the mutex and only decrements, so qemu keeps the group with owner_cnt 1, but its own domain was already detached and the group is left owned on no domain at all."
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci", "claim 7 qemu"]
        threads = ["claim 7 qemu", "release 7 qemu"]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }
        pci-stub = { managed_dma = true }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]

        [expect]
        invariants = []
        outcomes = 1
        """)
}
