/// The three panes that take focus; Tab cycles them in this order.
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    case topology, threads, timeline

    /// The pane's name as its title and the help show it.
    public var title: String {
        switch self {
        case .topology: "Topology"
        case .threads: "Threads"
        case .timeline: "Timeline"
        }
    }
}
