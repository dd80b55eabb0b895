/// A kernel return value as the model reports it: `0` or a negative errno name.
public enum Errno: UInt8, Hashable, Sendable, CaseIterable {
    case ok = 0
    case EBUSY
    case EPERM
    case ENODEV
    case EINVAL

    /// `"0"` or `"-EBUSY"`, the spelling check reports use in outcomes.
    public var name: String { self == .ok ? "0" : "-\(self)" }

    /// Parses `"0"`, `"-EBUSY"` or `"EBUSY"`.
    public init?(name: String) {
        if name == "0" { self = .ok; return }
        let bare = name.hasPrefix("-") ? String(name.dropFirst()) : name
        guard let e = Errno.allCases.first(where: { "\($0)" == bare && $0 != .ok }) else { return nil }
        self = e
    }
}
