/// Which drivers set `driver_managed_dma`: they do no DMA through the DMA API, so the import must
/// not count them as kernel users of their group.
public enum ManagedDrivers {
    /// The in-tree drivers known to set `driver_managed_dma`, and two patterns for their families:
    /// `vfio-*` (vfio-pci, vfio-platform, vfio-amba, vfio-fsl-mc, …) and `*_vfio_pci` (the vfio-pci
    /// variant drivers). A leading or trailing `*` matches any prefix or suffix.
    public static let known: Set<String> = [
        "vfio-pci", "vfio-platform", "pci-stub", "pcieport",
        "mlx5_vfio_pci", "hisi_acc_vfio_pci", "pds_vfio_pci", "nvgrace_gpu_vfio_pci", "virtio_vfio_pci",
        "vfio-*", "*_vfio_pci",
    ]

    /// Whether `driver` is named by `names` (exact names or `*` patterns) and not excluded by an
    /// entry starting with `!`, so a user can take back one member of a family (`!vfio-amba`).
    ///
    /// Driver names and module names differ only in `-` versus `_` (`vfio-pci`, `pds_vfio_pci`), so
    /// both spellings are treated as one.
    public static func isManaged(_ driver: String, by names: Set<String>) -> Bool {
        let d = normalized(driver)
        let excluded = names.contains { $0.hasPrefix("!") && matches(d, normalized(String($0.dropFirst()))) }
        return !excluded && names.contains { !$0.hasPrefix("!") && matches(d, normalized($0)) }
    }

    /// The in-tree VFIO drivers: binding one creates `/dev/vfio/N` for the device's group.
    /// pci-stub and pcieport are managed but not VFIO.
    public static let knownVFIO: Set<String> = [
        "vfio-pci", "vfio-platform", "vfio-amba", "vfio-fsl-mc", "vfio-ap", "vfio-ccw",
        "mlx5_vfio_pci", "hisi_acc_vfio_pci", "pds_vfio_pci", "nvgrace_gpu_vfio_pci", "virtio_vfio_pci",
        "vfio-*", "*_vfio_pci",
    ]

    /// Whether `driver` is a VFIO driver the importer knows (`-` and `_` the same letter).
    public static func isVFIO(_ driver: String) -> Bool {
        let d = normalized(driver)
        return knownVFIO.contains { matches(d, normalized($0)) }
    }

    private static func matches(_ d: String, _ p: String) -> Bool {
        if p.hasPrefix("*") { return d.hasSuffix(p.dropFirst()) }
        if p.hasSuffix("*") { return d.hasPrefix(p.dropLast()) }
        return d == p
    }

    private static func normalized(_ s: String) -> String {
        String(s.map { $0 == "-" ? "_" : $0 })
    }
}
