import Testing
import DMAOwnEngine
import DMAOwnScenario
@testable import DMAOwnTUI

/// The split between the topology and the right-hand panes: the topology gets what its widest
/// line needs (at most half), and at that width it cuts nothing.
@Suite struct LayoutTests {
    /// Every built-in scenario, run to its end with random steps so drivers, phases, lock holders
    /// and owners are filled in, plus Robin mid-scan for a case label.
    static func states() throws -> [AppState] {
        var out = [Fixture.robinMidScan()]
        for entry in BuiltinScenarios.all {
            var s = Fixture.state(try BuiltinScenarios.load(entry.name))
            Fixture.press(&s, .char("R"))
            out.append(s)
        }
        return out
    }

    /// The topology pane's rows as text, box-drawing characters blanked and trailing blanks cut,
    /// so a wider box compares equal when it only adds border.
    static func topologyRows(_ s: AppState, width: Int, height: Int) -> [String] {
        var buf = CellBuffer(width: width, height: height)
        TopologyPane.draw(&buf, ViewContext(s, glyphs: .unicode), in: Rect(x: 0, y: 0, width: width, height: height))
        let borders = Set("┌┐└┘─│")
        return buf.lines.map { line in
            String(String(line.map { borders.contains($0) ? " " : $0 }).reversed().drop { $0 == " " }.reversed())
        }
    }

    @Test func theTopologyIsCutNowhereAtItsNaturalWidth() throws {
        let states = try Self.states()
        #expect(!states.isEmpty, "the loop below checks something")
        for s in states {
            let natural = TopologyPane.naturalWidth(s.run)
            let height = TopologyPane.groupHeights(s.run.topology).reduce(2, +)
            let tight = Self.topologyRows(s, width: natural, height: height)
            let roomy = Self.topologyRows(s, width: natural + 30, height: height)
            #expect(tight == roomy, "\(s.scenario.title): natural width \(natural) cuts a line")
        }
    }

    @Test func theTopologyTakesItsNaturalWidthAtMostHalf() throws {
        let s = Fixture.s5Midway()
        let natural = TopologyPane.naturalWidth(s.run)
        #expect(natural < 60, "S5's topology is narrow")
        for width in [80, 100, 120, 200] {
            var sized = s
            sized.size = Size(width: width, height: 30)
            let layout = Layout(size: sized.size, run: sized.run)
            // From 160 columns a details pane takes the right; the rest is split as before.
            #expect((layout.details.width > 0) == (width >= Layout.detailsMinimumWidth))
            let rest = width - layout.details.width
            #expect(layout.details.width == 0 || layout.details.maxX == width)
            #expect(layout.topology.width == min(rest / 2, natural))
            #expect(layout.threads.x == layout.topology.maxX && layout.threads.maxX == rest)
            #expect(layout.timeline.x == layout.threads.x && layout.timeline.width == layout.threads.width)
        }
    }
}

