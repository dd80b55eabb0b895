import DMAOwnExplorer
import DMAOwnScenario
import Foundation

/// The loader rows of `dmaown bench` (issue 14): a generated machine of D devices in D/2 groups,
/// read, validated and set up from its TOML text, as `dmaown check FILE` would before exploring.
enum LoaderBenchmark {
    static let deviceCounts = [1_000, 4_000, 10_000]

    /// One row per size: devices, groups, bytes of TOML and the median of three load times.
    static func json() -> JSONText {
        .array(deviceCounts.map { devices in
            let text = machine(devices: devices)
            var times: [Double] = []
            var ok = true
            for _ in 0..<3 {
                let start = Date()
                do { _ = try ScenarioLoader.parse(text, source: "bench-\(devices).toml") } catch { ok = false }
                times.append(Date().timeIntervalSince(start))
            }
            times.sort()
            return .object([
                ("devices", .int(devices)), ("groups", .int(devices / 2)), ("bytes", .int(text.utf8.count)),
                ("loaded", .bool(ok)), ("seconds", .double(BenchCommand.round(times[1], 4))), ("goal_seconds", .double(1)),
            ])
        })
    }

    /// A machine like `import-sysfs` writes, scaled up: PCI-style quoted device names, two devices
    /// per group, every tenth device a bridge, every fourth bound to a DMA-API driver in setup.
    static func machine(devices: Int) -> String {
        func name(_ d: Int) -> String { String(format: "0000:%02x:%02x.%d", d / 256 % 256, d / 8 % 32, d % 8) + (d >= 65_536 ? "-\(d)" : "") }
        var setup: [String] = [], groups: [String] = [], bridges: [String] = []
        for g in 0..<(devices / 2) {
            let a = name(2 * g), b = name(2 * g + 1)
            groups.append("\(g) = [\"\(a)\", \"\(b)\"]")
            if g % 5 == 0 { bridges.append("\"\(a)\" = { bridge = true }") }
            if g % 2 == 1 { setup.append("    \"bind \(b) e1000e\",") }
        }
        return """
            title = "generated machine of \(devices) devices"
            scheme = "merged"
            owners = ["qemu"]
            setup = [
            \(setup.joined(separator: "\n"))
            ]
            threads = ["bind \(name(0)) vfio-pci", "claim 0 qemu"]

            [drivers]
            vfio-pci = { managed_dma = true }
            e1000e = { managed_dma = false }
            pcieport = { managed_dma = true }

            [groups]
            \(groups.joined(separator: "\n"))

            [devices]
            \(bridges.joined(separator: "\n"))

            """
    }
}
