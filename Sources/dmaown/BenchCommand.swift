import DMAOwnBench
import ArgumentParser
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnTUI
import Foundation

/// `dmaown bench`: Run the explorer scale benchmarks (use a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run the explorer scale benchmarks (use a release build).",
        discussion: "Also times rendering a 64-group / 256-device / 16-thread world into the cell buffer (\"tui_render\") and, when tmux is installed, the TUI's first frame after launch (\"tui_first_frame\"). The loader rows time reading and validating generated machines of 1,000, 4,000 and 10,000 devices. One group of N devices (2…6) with K concurrent operations (2…7), explored exhaustively without and with partial-order reduction (no threads folded, so these rows measure the whole graph); the DMA-only rows (\"dma_only\": six devices, K = 5…7 DMA-API binds and unbinds, no VFIO driver and no claim, up to --max-operations) unreduced; prints one JSON object. Rows that hit --max-states say \"complete\": false.")

    @Option(name: .customLong("max-states"), help: "Bound per pass, so the whole bench stays short.", transform: Count.positive)
    var maxStates: Int = 4_000_000
    @Option(name: .customLong("max-devices"), help: "Largest N.", transform: Count.positive)
    var maxDevices: Int = 6
    @Option(name: .customLong("max-operations"), help: "Largest K.", transform: Count.positive)
    var maxOperations: Int = 7
    @Option(name: .customLong("max-groups"), help: "Largest G of the groups family (1, 2, 4, … up to it).", transform: Count.positive)
    var maxGroups: Int = 32
    @Flag(name: .customLong("first-frame"), inversion: .prefixedNo,
          help: "Time the TUI's first frame by launching it in tmux (\"tui_first_frame\").")
    var firstFrame = true

    func run() throws {
        #if DEBUG
        FileHandle.standardError.write(Data("dmaown bench: warning: this is a debug build; figures are only meaningful from `swift build -c release`\n".utf8))
        #endif
        let bound = maxStates, nMax = maxDevices, kMax = maxOperations, gMax = maxGroups
        var rows: [JSONText] = []
        for n in 2...max(2, nMax) {
            for k in 2...max(2, kMax) {
                let c = ScaleFamily.make(devices: n, operations: k)
                let full = Explorer(run: c.run, world: c.world, options: .init(maxStates: bound, partialOrderReduction: false, countingBudget: nil, splitClusters: false, threadSymmetry: false)).explore()
                let reduced = Explorer(run: c.run, world: c.world, options: .init(maxStates: bound, partialOrderReduction: true, countSchedules: false, splitClusters: false, threadSymmetry: false)).explore()
                rows.append(.object([
                    ("n", .int(n)), ("k", .int(k)),
                    ("full", Self.figures(full)), ("por", Self.figures(reduced)),
                    ("por_state_ratio", .double(Self.round(Double(full.states) / Double(max(1, reduced.states)), 2))),
                ]))
            }
        }
        var dmaOnly: [JSONText] = []
        for k in 5...7 where k <= kMax {
            let c = ScaleFamily.make(devices: 6, operations: k, mix: .dmaOnly)
            let full = Explorer(run: c.run, world: c.world, options: .init(maxStates: bound, partialOrderReduction: false, countingBudget: nil, splitClusters: false, threadSymmetry: false)).explore()
            dmaOnly.append(.object([
                ("n", .int(6)), ("k", .int(k)), ("operations", .array(c.lines.map { .string($0) })), ("full", Self.figures(full)),
            ]))
        }
        let groups = Self.groupsRows(upTo: gMax, bound: bound)
        let headline = ScaleFamily.make(devices: 4, operations: 6)
        let check = Explorer(run: headline.run, world: headline.world).explore()
        let fused = Explorer(run: headline.run, world: headline.world, options: .init(partialOrderReduction: false)).explore()
        let verdict = Explorer(run: headline.run, world: headline.world, options: .init(countSchedules: false)).explore()
        let n4k9 = ScaleFamily.make(devices: 4, operations: 9)
        let n4k9Check = Explorer(run: n4k9.run, world: n4k9.world).explore()
        let render = RenderBenchmark.run(iterations: 200)
        let out: JSONText = .object([
            ("build", .string(Self.isDebug ? "debug" : "release")),
            ("max_states_per_pass", .int(bound)),
            ("headline", .object([
                ("case", .string("4-device group, 6 concurrent ops: 2 DMA-API binds, a vfio-pci bind, a claim, 2 unbinds")),
                ("operations", .array(headline.lines.map { .string($0) })),
                ("check_default", Self.figures(check)),
                ("no_por", Self.figures(fused)),
                ("por_verdict_only", Self.figures(verdict)),
            ])),
            ("n4k9_check_default", .object([
                ("case", .string("4-device group, 9 concurrent ops; dmaown check's default (reduced verdict, counts within the budget, identical threads folded)")),
                ("schedules_counted", .bool(n4k9Check.schedulesCounted)),
                ("figures", Self.figures(n4k9Check)),
            ])),
            ("rows", .array(rows)),
            ("dma_only", .object([
                ("case", .string("6-device group, K = 5…7 DMA-API binds and unbinds (no VFIO driver, no claim), unreduced pass; up to --max-operations")),
                ("rows", .array(dmaOnly)),
            ])),
            ("groups", .object([
                ("case", .string("G groups, each a kernel bind, a VM claim and an unbind on its own devices; dmaown check's default search with every interleaving counted (--count)")),
                ("rows", .array(groups)),
            ])),
            ("tui_render", .object([
                ("case", .string("64 groups, 256 devices, 16 threads at 200x60")),
                ("milliseconds_per_frame", .double(Self.round(render.millisecondsPerFrame, 3))),
                ("cells", .int(render.cells)), ("budget_milliseconds", .double(2)),
            ])),
            ("loader", LoaderBenchmark.json()),
            ("tui_first_frame", firstFrame ? FirstFrameBenchmark.json() : .object([("skipped", .string("--no-first-frame"))])),
        ])
        print(out.rendered)
    }

    /// The groups family: G = 1, 2, 4, … groups of three operations, checked as `check --count`
    /// would (reduced verdict, clusters, every interleaving counted).
    static func groupsRows(upTo gMax: Int, bound: Int) -> [JSONText] {
        var rows: [JSONText] = []
        var g = 1
        while g <= gMax {
            let c = GroupsFamily.make(groups: g)
            let e = Explorer(run: c.run, world: c.world, options: .init(maxStates: bound, countingBudget: nil)).explore()
            rows.append(.object([
                ("groups", .int(g)), ("operations", .int(c.run.operations.count)), ("clusters", .int(max(1, e.clusters.count))),
                ("figures", figures(e)), ("max_rss_bytes", .int(maxResidentBytes())),
                ("schedules_total", .uint(e.totalSchedules)), ("saturated", .bool(e.totalSchedules == .max)),
            ]))
            g *= 2
        }
        return rows
    }

    /// The process's peak resident memory so far (getrusage), in bytes.
    static func maxResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    static var isDebug: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }

    static func round(_ x: Double, _ places: Int) -> Double {
        let f = pow(10, Double(places))
        return (x * f).rounded() / f
    }

    static func figures(_ e: Exploration) -> JSONText {
        let work = e.states + e.countingStates
        return .object([
            ("complete", .bool(e.complete)), ("states", .int(e.states)), ("transitions", .int(e.transitions)),
            ("counting_states", .int(e.countingStates)),
            ("seconds", .double(round(e.seconds, 4))), ("cpu_seconds", .double(round(e.cpuSeconds, 4))),
            ("states_per_second", .int(e.seconds > 0 ? Int(Double(work) / e.seconds) : 0)),
            ("states_per_cpu_second", .int(e.cpuSeconds > 0 ? Int(Double(work) / e.cpuSeconds) : 0)),
            ("bytes_per_state", .double(round(Double(e.peakBytes) / Double(max(1, e.states, e.countingStates)), 1))),
            ("peak_bytes", .int(e.peakBytes)),
            ("violations", .array(e.violations.map { .string($0.invariant.rawValue) })),
            // Every combination of the clusters' outcomes, also past the listing limit (where `outcomes` is empty).
            ("outcomes", .uint(e.outcomeCount)),
            // Interchangeable threads the search folded (thread numbers from 1): states then count one per set of swapped states.
            ("threads_folded", .array(e.countingSymmetry.map { .array($0.map { .int($0 + 1) }) })),
        ])
    }
}
