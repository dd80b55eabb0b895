/// The properties checked after every step (`dmaown help invariants`), spelled as check reports spell them.
public enum Invariant: String, CaseIterable, Sendable, Hashable, Codable {
    case isolation
    case bugOn = "bug-on"
    case staleOwner = "stale-owner"
    case warn
    case deadlock
    case lockOrder = "lock-order"

    /// One sentence on what breaking it means.
    public var meaning: String {
        switch self {
        case .isolation: "a DMA-API driver does DMA in a group a user owns or whose domain is not the default, or a user does DMA through a domain that is not its own"
        case .bugOn: "the kernel hit BUG_ON and the machine is dead"
        case .staleOwner: "with every operation finished, a group's ownership disagrees with its devices or its users"
        case .warn: "a WARN_ON fired"
        case .deadlock: "unfinished operations remain and every one of them is blocked"
        case .lockOrder: "a thread took a device_lock while holding a group->mutex"
        }
    }
}

/// A set of invariants as a bit mask, cheap enough for the explorer's inner loop.
public struct InvariantSet: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ i: Invariant) { rawValue = 1 << UInt8(Invariant.allCases.firstIndex(of: i)!) }
    public var members: [Invariant] { Invariant.allCases.filter { contains(InvariantSet($0)) } }
}

/// One broken invariant with a message naming the group, devices, drivers and threads involved.
public struct Violation: Hashable, Sendable, CustomStringConvertible {
    public let invariant: Invariant
    public let message: String
    public init(_ invariant: Invariant, _ message: String) { self.invariant = invariant; self.message = message }
    public var description: String { "\(invariant.rawValue): \(message)" }
}
