import DMAOwnEngine
import DMAOwnScenario

/// The group and device fields that differ between two worlds, as lines for people (`dmaown
/// replay` prints them after each step), in the exports' words (`WorldChange.describe`), so a
/// replay, the TUI's details pane and an export say the same thing about the same step.
public enum WorldChanges {
    /// One line per change from `before` to `after`: the exports' changes (a group's own fields
    /// named with their group, since a replay has no group column), then what only a replay
    /// lists: device phases, a lock-order breach and threads that finished.
    public static func between(_ before: World, _ after: World, run: Run) -> [String] {
        let topo = run.topology
        var out = WorldChange.between(before, after, groups: topo.groups.count, devices: topo.devices.count).map { c -> String in
            let words = c.describe(run)
            guard !c.isDeviceSide, let g = c.group(in: topo), !words.hasPrefix("group ") else { return words }
            return "group \(topo.groups[g].id) \(words)"
        }
        for d in topo.devices.indices where before[device: d].phase != after[device: d].phase {
            out.append("\(topo.devices[d].name) phase \(before[device: d].phase) → \(after[device: d].phase)")
        }
        if !before.flags.contains(.lockOrder) && after.flags.contains(.lockOrder) {
            out.append("lock order: device_lock taken under group->mutex")
        }
        for t in 0..<run.operations.count where !before[thread: t].done && after[thread: t].done {
            out.append("thread \(t + 1) returns \(after[thread: t].result.name)")
        }
        return out
    }
}
