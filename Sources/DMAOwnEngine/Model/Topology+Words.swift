extension Topology {
    /// The `owner` field as the kernel holds it: `NULL`, `the kernel DMA API`, `qemu`, `vfio-pci`.
    ///
    /// Decisions quote the field, so an unowned group reads `NULL` here; views that describe who owns
    /// the group as a whole (counting kernel users too) use `Run.describe(_:)`.
    public func describeOwnerField(_ owner: OwnerToken) -> String {
        switch owner {
        case .none: "NULL"
        case .dmaAPI: "the kernel DMA API"
        case .user(let o): owners[o]
        case .driver(let d): drivers[d].name
        }
    }

    /// The attached domain as a person reads it: `default`, `blocking`, `qemu's`, `none`.
    public func describeDomain(_ domain: Domain) -> String {
        switch domain {
        case .none: "none"
        case .default: "default"
        case .blocking: "blocking"
        case .user(let o): "\(owners[o])'s"
        }
    }
}
