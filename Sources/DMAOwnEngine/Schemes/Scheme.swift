/// One ownership design: the step programs for each operation, and what "stale" means for it.
///
/// Everything that differs between designs lives behind this protocol, so the engine, the
/// explorer and the UI never ask which scheme they are running.
public protocol Scheme: Sendable {
    var info: SchemeInfo { get }
    /// The steps thread-running `op` takes under this scheme.
    func program(for op: Operation, in topology: Topology) -> Program
    /// Why group `g`'s ownership disagrees with its devices once every operation has finished, if it does.
    func staleOwnership(ofGroup g: Int, in world: World, run: Run) -> String?
    /// Live labels for devices (Robin's case analysis), keyed by device index.
    func annotations(in world: World, run: Run) -> [Int: DeviceAnnotation]
    /// Whether the design keeps `owner_cnt` at all; views do not draw a field a design lacks.
    var hasOwnerCount: Bool { get }
    /// Where the scheme's release runs relative to `dev->driver = NULL`.
    var hookPlacement: HookPlacement { get }
    /// Each sibling's case when thread `t`'s next step is a release scan with the mutex held.
    func releaseScanCases(byThread t: Int, in world: World, run: Run) -> [ScanCase]
}

extension Scheme {
    public var id: SchemeID { info.id }
    public var hasOwnerCount: Bool { true }
    public var hookPlacement: HookPlacement { .kernel }
    public func releaseScanCases(byThread t: Int, in world: World, run: Run) -> [ScanCase] { [] }
    public func annotations(in world: World, run: Run) -> [Int: DeviceAnnotation] { [:] }
}

/// A label a scheme attaches to a device for the UI, e.g. Robin's case "2.a.i".
public struct DeviceAnnotation: Hashable, Sendable {
    public let label: String
    public let explanation: String
    /// The thread whose step makes the label meaningful (the one scanning).
    public let thread: Int
    public init(label: String, explanation: String, thread: Int) {
        self.label = label; self.explanation = explanation; self.thread = thread
    }
}

/// The names of the six designs, as scenario files and `--scheme` spell them.
public enum SchemeID: String, CaseIterable, Sendable, Hashable, Codable {
    case notifier, v6, merged, iommufd, robin
    case robinLocked = "robin-locked"
}

/// A scheme's name, one-paragraph description and where to read the original.
public struct SchemeInfo: Sendable, Hashable {
    public let id: SchemeID
    public let title: String
    public let summary: String
    public let sources: [String]
}

/// The catalogue of schemes, in historical order.
public enum Schemes {
    public static let all: [any Scheme] = [NotifierScheme(), V6Scheme(), MergedScheme(), IommufdScheme(), RobinScheme(), RobinScheme(lockedScan: true)]

    public static func scheme(_ id: SchemeID) -> any Scheme {
        all.first { $0.id == id }!
    }

    /// Looks a scheme up by the name a person typed.
    public static func scheme(named name: String) -> (any Scheme)? {
        SchemeID(rawValue: name).map(scheme)
    }
}
