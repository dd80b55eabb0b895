import DMAOwnEngine
import DMAOwnExplorer

/// The words for a cluster of interdependent threads too large to search exhaustively, shared
/// by `check` and `export` so both name the limit the same way.
enum ClusterLimit {
    static func words(_ cluster: [Int], run: Run) -> String {
        let groups = Set(cluster.map { run.operations[$0].group(in: run.topology) }).sorted().map { String(run.topology.groups[$0].id) }
        return "\(cluster.count) threads work on the same devices or groups (group\(groups.count == 1 ? "" : "s") \(groups.joined(separator: ", "))); "
            + "the exhaustive explorer handles at most \(Explorer.maxThreads) interdependent threads (independent groups may have any number; try --random N)"
    }
}
