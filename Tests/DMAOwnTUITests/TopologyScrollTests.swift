import Testing
import DMAOwnEngine
import DMAOwnScenario
@testable import DMAOwnTUI

/// Scrolling the topology to the selected device brings its whole group box along when it fits.
@Suite struct TopologyScrollTests {
    /// Three groups, the middle one of eight devices: centred on its last device, a plain scroll
    /// would leave its header above the pane.
    static func tallGroup() -> Scenario {
        let dev = { (bus: Int, fn: Int) in "0000:0\(bus):00.\(fn)" }
        let topo = Topology.make(
            groups: [(1, (0..<2).map { dev(1, $0) }), (2, (0..<8).map { dev(2, $0) }), (3, (0..<2).map { dev(3, $0) })],
            drivers: [.init(name: "e1000e", managedDMA: false)], owners: ["qemu"])
        return Scenario(title: "a tall group", scheme: .merged, topology: topo, setup: [],
                        threads: [Fixture.op("bind \(dev(2, 7)) e1000e", topo)], source: "test", text: "")
    }

    @Test(arguments: ["busy-machine", "tall"])
    func theSelectedDevicesGroupHeaderIsAlwaysInView(name: String) throws {
        var s = Fixture.state(name == "tall" ? Self.tallGroup() : try BuiltinScenarios.load(name))
        s.focus = .topology
        let topo = s.run.topology
        let names = ViewContext.shortDeviceNames(topo)
        let height = 18
        #expect(TopologyPane.groupHeights(topo).reduce(0, +) > height - 2, "the pane has to scroll")
        #expect(!topo.devices.indices.isEmpty, "the loop below checks something")
        for d in topo.devices.indices {
            s.selectedDevice = d
            var buf = CellBuffer(width: 60, height: height)
            TopologyPane.draw(&buf, ViewContext(s, glyphs: .unicode), in: Rect(x: 0, y: 0, width: 60, height: height))
            let rows = buf.lines
            let g = topo.devices[d].group
            let header = rows.firstIndex { $0.contains("group \(topo.groups[g].id) ") }
            let device = rows.firstIndex { $0.contains(" \(names[d]) ") }
            #expect(header != nil, "device \(names[d]) is shown without its group \(topo.groups[g].id) header:\n\(rows.joined(separator: "\n"))")
            #expect(device != nil, "device \(names[d]) is not in view")
            if let header, let device {
                #expect(rows.indices.contains(header + 1) && rows[header + 1].contains("owner "), "the owner line follows the header")
                #expect(rows.indices.contains(header + 2) && rows[header + 2].contains("domain "), "and the domain line")
                #expect(device > header)
            }
        }
    }
}
