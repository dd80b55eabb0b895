import Testing
import DMAOwnEngine
import DMAOwnScenario
@testable import DMAOwnTUI

/// A timeline row keeps its fail and violation marks when the kernel function name does not fit.
@Suite struct TimelineRowTests {
    @Test func theViolationMarkSurvivesALongFunctionName() {
        let many = Array(repeating: Fixture.op("release 7 ctx2"), count: 6)
        let scenario = Scenario(title: "S1 with onlookers", scheme: .notifier, topology: Fixture.topology,
                                setup: [Fixture.op("bind \(Fixture.a) vfio-pci"), Fixture.op("claim 7 qemu")],
                                threads: [Fixture.op("bind \(Fixture.b) e1000e")] + many, source: "test", text: "")
        var s = Fixture.state(scenario)
        Fixture.finish(&s, thread: 0)
        #expect(s.run.broken(in: s.world).contains(InvariantSet(.isolation)))
        let rows = Snapshot.text(App.render(s, size: App.minimumSize, glyphs: .unicode)).split(separator: "\n").map(String.init)
        let timeline = Layout(size: App.minimumSize, run: s.run).timeline
        let marked = rows.map { String($0.dropFirst(timeline.x)) }.filter { $0.contains("⚠ isolation") }
        #expect(!marked.isEmpty, "the row that broke isolation says so:\n\(rows.joined(separator: "\n"))")
        #expect(marked.allSatisfy { $0.contains("…") }, "its function name was cut, and says so: \(marked)")
    }
}
