import DMAOwnEngine
import DMAOwnScenario
import DMAOwnTUI
#if canImport(Glibc)
import Glibc
#endif

/// Times `App.render` on a 64-group / 256-device / 16-thread world (issue 4 budget: ≤ 2 ms a frame).
public enum RenderBenchmark {
    /// A scenario the size of a large server: 64 groups of 4 functions, 16 threads racing.
    public static func scenario() -> Scenario {
        let groups = (0..<64).map { g in (id: g + 1, devices: (0..<4).map { f in "0000:\(hex2(g + 1)):00.\(f)" }) }
        let topology = Topology.make(groups: groups, drivers: [
            .init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false),
            .init(name: "nvme", managedDMA: false), .init(name: "flaky", managedDMA: false, mayFail: [.pinctrl, .probe]),
        ], owners: ["qemu", "ctx2"])
        var setup: [Operation] = []
        var threads: [Operation] = []
        for g in 0..<64 where g % 4 == 0 { setup.append(.bind(device: g * 4, driver: 1)) }
        for t in 0..<16 {
            let g = t * 4
            threads.append(t % 2 == 0 ? .bind(device: g * 4 + 1, driver: t % 4 == 0 ? 0 : 2) : .claim(group: g, owner: 0))
        }
        return Scenario(title: "bench: 64 groups, 256 devices, 16 threads", scheme: .merged, topology: topology,
                        setup: setup, threads: threads)
    }

    /// Renders `iterations` frames at 200×60 after a few steps; returns the mean time and the cell count.
    public static func run(iterations: Int) -> (millisecondsPerFrame: Double, cells: Int) {
        guard var state = try? AppState(scenario: scenario()) else { return (0, 0) }
        for t in 0..<16 { _ = App.update(&state, .key(.char(Character(String(t % 9 + 1))))) }
        state.focus = .topology
        state.selectedDevice = 130
        let size = Size(width: 200, height: 60)
        var cells = 0
        let start = now()
        for i in 0..<max(1, iterations) {
            let buf = App.render(state, size: size, glyphs: i % 2 == 0 ? .unicode : .ascii)
            cells = buf.cells.count
        }
        return ((now() - start) * 1000 / Double(max(1, iterations)), cells)
    }

    private static func hex2(_ n: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[(n >> 4) & 15], digits[n & 15]])
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
