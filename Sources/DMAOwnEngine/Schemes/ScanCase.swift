/// One sibling's case while a release scan holds the group mutex (Robin's 1.a … 4.b), and what
/// the scan does for it: the live label and the scan's explanation are both made from this.
public struct ScanCase: Hashable, Sendable {
    public let device: Int
    public let label: String
    public let explanation: String
    /// The sibling's token is the owner, so the scan keeps the ownership for it.
    public let keeps: Bool

    /// What the scan does for this sibling, in words.
    public var action: String { keeps ? "kept for it" : "no effect" }
}

extension Run {
    /// For a release scan taken from `before`: each sibling's case and what the scan did for it.
    func scanCases(ofThread t: Int, before: World) -> String? {
        let cases = scheme.releaseScanCases(byThread: t, in: before, run: self)
        guard !cases.isEmpty else { return nil }
        return cases.map { "\(topology.devices[$0.device].name) is case \($0.label) (\($0.explanation)) → \($0.action)" }.joined(separator: "; ")
    }
}
