/// Who owns a group's DMA, as the group's `owner` field records it.
///
/// Counting schemes store `none` or a user owner and keep kernel users in `owner_cnt`; Robin's
/// scheme has no count and stores a token: the DMA-API token, or the managed driver that claimed.
public enum OwnerToken: Hashable, Sendable {
    case none
    case dmaAPI
    case user(Int)
    case driver(Int)

    var encoded: UInt8 {
        switch self {
        case .none: 0
        case .dmaAPI: 1
        case .user(let o): UInt8(2 + o)
        case .driver(let d): UInt8(128 + d)
        }
    }

    init(encoded b: UInt8) {
        switch b {
        case 0: self = .none
        case 1: self = .dmaAPI
        case 128...: self = .driver(Int(b) - 128)
        default: self = .user(Int(b) - 2)
        }
    }
}

/// The IOMMU domain attached to a group.
public enum Domain: Hashable, Sendable {
    /// No domain at all (v6 detaches to nothing on claim).
    case none
    /// The kernel's default DMA domain: the only one DMA-API drivers may use.
    case `default`
    /// The blocking domain: no DMA gets through.
    case blocking
    /// A user owner's own domain (VFIO container or iommufd IOAS).
    case user(Int)

    var encoded: UInt8 {
        switch self {
        case .none: 0
        case .default: 1
        case .blocking: 2
        case .user(let o): UInt8(3 + o)
        }
    }

    init(encoded b: UInt8) {
        switch b {
        case 0: self = .none
        case 1: self = .default
        case 2: self = .blocking
        default: self = .user(Int(b) - 3)
        }
    }
}

/// Where a device is in its driver's life cycle.
public enum Phase: UInt8, Hashable, Sendable {
    case idle, probing, bound, removing
}
