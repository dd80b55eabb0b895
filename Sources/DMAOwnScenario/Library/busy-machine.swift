extension BuiltinScenarios {
    /// A whole machine: many groups, many concurrent operations.
    static let busyMachine = (name: "busy-machine", text: """
        title = "A busy workstation: GPU passthrough while other drivers come and go"
        scheme = "merged"
        description = "Six groups, nine devices. qemu takes the GPU group (bridge, GPU, HDMI audio) and libvirt a USB controller whose xhci_hcd driver is being unbound at the same moment, while the second NIC port binds e1000e and a spare card gets vfio-pci. Only the USB claim races anything: it succeeds once xhci_hcd gave its count back, else -EPERM."
        try = "Watch group 15: race the xhci_hcd unbind against libvirt's claim; every other operation commutes with the rest. Run 'dmaown check busy-machine' to see how many states the explorer needs."
        owners = ["qemu", "libvirt"]
        setup = [
            "bind 0000:00:02.0 i915",
            "bind 0000:00:01.0 pcieport",
            "bind 0000:01:00.0 vfio-pci",
            "bind 0000:01:00.1 vfio-pci",
            "bind 0000:02:00.0 nvme",
            "bind 0000:04:00.0 e1000e",
            "bind 0000:05:00.0 xhci_hcd",
        ]
        threads = [
            "claim 1 qemu",
            "bind 0000:04:00.1 e1000e",
            "unbind 0000:05:00.0",
            "claim 15 libvirt",
            "bind 0000:06:00.0 vfio-pci",
        ]

        [drivers]
        i915 = { managed_dma = false }
        pcieport = { managed_dma = true }
        vfio-pci = { managed_dma = true }
        nvme = { managed_dma = false }
        e1000e = { managed_dma = false }
        xhci_hcd = { managed_dma = false }

        [groups]
        0 = ["0000:00:02.0"]
        1 = ["0000:00:01.0", "0000:01:00.0", "0000:01:00.1"]
        12 = ["0000:02:00.0"]
        14 = ["0000:04:00.0", "0000:04:00.1"]
        15 = ["0000:05:00.0"]
        16 = ["0000:06:00.0"]

        [devices]
        "0000:00:01.0" = { bridge = true }

        [expect]
        invariants = []
        outcomes = 2
        """)
}
