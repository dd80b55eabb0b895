/// A `WARN_ON()` on a modelled kernel path, so a `warn` violation can quote the line that fired.
///
/// The world keeps the first site that fired in one header byte; raw value 0 means none. The other
/// WARN_ONs on the modelled paths cannot fire in the model: `iommu_group_claim_dma_owner` and
/// `iommu_device_claim_dma_owner` warn on a NULL owner cookie, and every owner here is a token;
/// the pasid_array halves of these conditions concern PASID attachments, which are not modelled.
public enum WarnSite: UInt8, CaseIterable, Sendable, Hashable {
    /// A DMA-API driver gives back a count the group does not have.
    case unuseDefaultDomain = 1
    /// Ownership is dropped from a group nobody owns (`iommu_group_release_dma_owner`,
    /// `iommu_device_release_dma_owner` when it is the last claim).
    case releaseDMAOwnership = 2

    /// The kernel function and its `WARN_ON` condition, as drivers/iommu/iommu.c writes them.
    public var kernelLine: String {
        switch self {
        case .unuseDefaultDomain: "iommu_device_unuse_default_domain: WARN_ON(!group->owner_cnt)"
        case .releaseDMAOwnership: "__iommu_release_dma_ownership: WARN_ON(!group->owner_cnt || !group->owner)"
        }
    }
}
