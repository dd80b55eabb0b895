import DMAOwnEngine

/// Why a sysfs tree could not be imported; each names the path and the value at fault, in one line.
public enum SysfsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The root itself is not a directory: a mistyped path, not a machine without an IOMMU.
    case noRoot(path: String)
    /// `kernel/iommu_groups` is missing or has no groups: the machine has no IOMMU (or it is off).
    case noGroups(path: String)
    /// A directory under `kernel/iommu_groups` whose name is not a group number.
    case badGroupName(path: String)
    /// A group entry that is not a symlink, so it names no device.
    case notALink(path: String)
    /// A group's device link points at a directory that does not exist.
    case missingDevice(path: String, target: String)
    /// The same device listed in two groups.
    case deviceInTwoGroups(device: String, first: Int, second: Int)
    /// A file that exists but could not be read.
    case unreadable(path: String, reason: String)
    /// A device or driver name a scenario cannot hold (a space, a tab, a control character).
    case unusableName(path: String, kind: String, name: String)
    /// The scenario written would not load again; the loader's reason.
    case notReadableBack(path: String, reason: String)
    /// More devices or drivers than the model's world can hold.
    case tooLarge(path: String, what: String, count: Int, limit: Int)

    /// One line, with any control character in a path or name escaped.
    public var description: String { DisplayText.line(words) }

    private var words: String {
        switch self {
        case .noRoot(let path): "\(path): no such directory (expected a sysfs root such as /sys)"
        case .noGroups(let path):
            "\(path): no IOMMU groups (is the IOMMU enabled? try intel_iommu=on or amd_iommu=on)"
        case .badGroupName(let path): "\(path): not an IOMMU group number"
        case .notALink(let path): "\(path): not a symlink to a device"
        case .missingDevice(let path, let target): "\(path): links to '\(target)', which does not exist"
        case .deviceInTwoGroups(let device, let first, let second):
            "device '\(device)' is listed in both group \(first) and group \(second)"
        case .unreadable(let path, let reason): "\(path): cannot be read (\(reason))"
        case .tooLarge(let path, let what, let count, let limit): "\(path): \(count) \(what), the model holds at most \(limit)"
        case .unusableName(let path, let kind, let name):
            "\(path): \(kind) name \(DisplayText.quote(name)) cannot be written into a scenario (names are one word without blanks or control characters)"
        case .notReadableBack(let path, let reason): "\(path): the scenario read from it would not load again: \(reason)"
        }
    }
}
