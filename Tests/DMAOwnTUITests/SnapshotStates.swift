@testable import DMAOwnTUI

/// The states the screen snapshots show.
enum SnapshotStates {
    /// Robin mid-scan with the mid-bind sibling selected, so its case label and explanation show.
    static func robin() -> AppState {
        var s = Fixture.robinMidScan()
        s.focus = .topology
        s.selectedDevice = 1
        return s
    }

    /// The notifier scheme's S1 run to its crash: isolation broken, then BUG_ON.
    static func s1Notifier() -> AppState {
        var s = Fixture.state(Fixture.s1(scheme: .notifier))
        Fixture.finish(&s, thread: 0)
        return s
    }

    static func help() -> AppState {
        var s = Fixture.state()
        Fixture.press(&s, .char("?"))
        return s
    }
}
