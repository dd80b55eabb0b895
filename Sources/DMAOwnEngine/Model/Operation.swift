/// One kernel operation a thread performs; operands are indices into the `Topology`.
public enum Operation: Hashable, Sendable {
    case bind(device: Int, driver: Int)
    case unbind(device: Int)
    case claim(group: Int, owner: Int)
    case release(group: Int, owner: Int)
    case dclaim(device: Int, owner: Int)
    case drelease(device: Int, owner: Int)
    /// An in-kernel caller of `iommu_group_claim_dma_owner`, with no VFIO front end before it.
    case kclaim(group: Int, owner: Int)
    /// The same caller's `iommu_group_release_dma_owner`.
    case krelease(group: Int, owner: Int)

    /// The verb as written in the operation grammar.
    public var verb: String {
        switch self {
        case .bind: "bind"
        case .unbind: "unbind"
        case .claim: "claim"
        case .release: "release"
        case .dclaim: "dclaim"
        case .drelease: "drelease"
        case .kclaim: "kclaim"
        case .krelease: "krelease"
        }
    }

    /// The device the operation acts on, if it acts on one.
    public var device: Int? {
        switch self {
        case .bind(let d, _), .unbind(let d), .dclaim(let d, _), .drelease(let d, _): d
        case .claim, .release, .kclaim, .krelease: nil
        }
    }

    /// The group index the operation's ownership steps lock.
    public func group(in topology: Topology) -> Int {
        switch self {
        case .claim(let g, _), .release(let g, _), .kclaim(let g, _), .krelease(let g, _): g
        case .bind(let d, _), .unbind(let d), .dclaim(let d, _), .drelease(let d, _): topology.devices[d].group
        }
    }

    /// The user owner named by the operation, if any.
    public var owner: Int? {
        switch self {
        case .claim(_, let o), .release(_, let o), .dclaim(_, let o), .drelease(_, let o), .kclaim(_, let o), .krelease(_, let o): o
        case .bind, .unbind: nil
        }
    }

    /// The driver a bind attaches, if this is a bind.
    public var driver: Int? {
        if case .bind(_, let drv) = self { return drv }
        return nil
    }
}

extension Topology {
    /// The operation as one line of the grammar, with full device names: `bind 0000:01:00.1 e1000e`.
    public func describe(_ op: Operation) -> String {
        switch op {
        case .bind(let d, let drv): "bind \(devices[d].name) \(drivers[drv].name)"
        case .unbind(let d): "unbind \(devices[d].name)"
        case .claim(let g, let o): "claim \(groups[g].id) \(owners[o])"
        case .release(let g, let o): "release \(groups[g].id) \(owners[o])"
        case .dclaim(let d, let o): "dclaim \(devices[d].name) \(owners[o])"
        case .drelease(let d, let o): "drelease \(devices[d].name) \(owners[o])"
        case .kclaim(let g, let o): "kclaim \(groups[g].id) \(owners[o])"
        case .krelease(let g, let o): "krelease \(groups[g].id) \(owners[o])"
        }
    }
}
