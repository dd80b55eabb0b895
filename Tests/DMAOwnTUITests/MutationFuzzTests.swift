import DMAOwnEngine
import DMAOwnScenario
import Foundation
import Testing
@testable import DMAOwnTUI
import DMAOwnTestSupport

/// The seeded mutation fuzzer (issue 16): hostile scenarios, traces, themes and sysfs trees made
/// from the built-in examples, fed to the loaders in process. A trap ends the test run, so
/// surviving is itself the first assertion; the others are that every error is one line with no
/// control character and names a line where the input has lines, and that text made from what
/// loads carries no raw control character either.
///
/// `swift test` runs a few thousand inputs in a few seconds. For a long run:
/// `DMAOWN_FUZZ_SECONDS=600 swift test --filter MutationFuzzTests` (figures are printed).
@Suite struct MutationFuzzTests {
    /// How long each family may run, from the environment; nil for the bounded default.
    static let seconds: Double? = ProcessInfo.processInfo.environment["DMAOWN_FUZZ_SECONDS"].flatMap(Double.init)

    /// Runs `body` on seeds 1, 2, … for `count` inputs, or for `seconds` when set; returns the
    /// inputs tried and the failures found.
    static func campaign(_ name: String, count: Int, _ body: (UInt64) -> [String]) -> (inputs: Int, failures: [String]) {
        let start = Date()
        var seed: UInt64 = 0, failures: [String] = []
        while true {
            if let seconds { if Date().timeIntervalSince(start) >= seconds { break } } else if seed >= UInt64(count) { break }
            seed += 1
            if ProcessInfo.processInfo.environment["DMAOWN_FUZZ_TRACE"] != nil { FileHandle.standardError.write(Data("\(name) seed \(seed)\n".utf8)) }
            failures += body(seed).map { "seed \(seed): \($0)" }
            if failures.count > 20 { break }
        }
        let took = Date().timeIntervalSince(start)
        print("fuzz \(name): \(seed) inputs in \(String(format: "%.1f", took)) s, \(failures.count) failures")
        return (Int(seed), failures)
    }

    /// Problems with an error line: more than one line, a raw control character, or no line number.
    static func check(error text: String, line: Int?, lines: Int) -> [String] {
        var out: [String] = []
        if text.contains(where: \.isNewline) { out.append("error on several lines: \(text.debugDescription)") }
        if text.unicodeScalars.contains(where: DisplayText.isUnsafe) { out.append("raw control character: \(text.debugDescription)") }
        if let line, !(1...max(1, lines + 1)).contains(line) { out.append("line \(line) outside 1…\(lines + 1): \(text)") }
        if text.count > 2_000 { out.append("error line of \(text.count) characters") }
        return out
    }

    static func check(text: String) -> [String] {
        text.unicodeScalars.contains { DisplayText.isUnsafe($0) && $0 != "\n" && $0 != "\t" }
            ? ["raw control character in output: \(text.prefix(200).debugDescription)"] : []
    }

    static let scenarios = BuiltinScenarios.all.map { Array($0.text.utf8) }

    /// Scenarios: bytes → one loading path (UTF-8, NUL, TOML, names, setup) → a text export.
    @Test func scenarios() {
        let r = Self.campaign("scenarios", count: 1_500, Self.scenarioInput)
        #expect(r.failures.isEmpty, "\(r.failures.prefix(5))")
        #expect(r.inputs >= 1_500 || Self.seconds != nil)
    }

    static func scenarioInput(_ seed: UInt64) -> [String] {
            var m = SeededMutator(seed: seed)
            let bytes = m.mutate(Self.scenarios[m.below(Self.scenarios.count)])
            let lines = bytes.filter { $0 == 0x0A }.count + 1
            let text: String
            switch InputText.decode(bytes) {
            case .failure(let p): return Self.check(error: "s.toml:\(p.line): \(p)", line: p.line, lines: lines)
            case .success(let t): text = t
            }
            let s: Scenario
            do { s = try ScenarioLoader.parse(text, source: "s.toml") } catch {
                return Self.check(error: error.description, line: error.line, lines: lines)
            }
            guard case .success(let prepared) = s.prepare() else { return ["loaded but did not prepare"] }
            let schedule: [(thread: Int, fail: Bool)] = (0..<min(prepared.run.operations.count, 3)).map { (thread: $0, fail: false) }
            guard let out = try? Exporter.export(.text, scenario: s, run: prepared.run, initial: prepared.world, schedule: schedule) else { return [] }
            return Self.check(text: out)
    }

    /// Traces: a real trace of each built-in, mutated, then decoded and replayed.
    @Test func traces() throws {
        var seeds: [[UInt8]] = []
        for (name, text) in BuiltinScenarios.all {
            let s = try ScenarioLoader.parse(text, source: "built-in:\(name)")
            guard case .success(let (run, world)) = s.prepare() else { continue }
            let schedule = (0..<run.operations.count).map { (thread: $0, fail: false) }
            seeds.append(Array(Trace.make(scenario: s, run: run, initial: world, schedule: schedule).json().utf8))
        }
        try #require(!seeds.isEmpty)
        let r = Self.campaign("traces", count: 1_500) { seed in
            var m = SeededMutator(seed: seed)
            let bytes = m.mutate(seeds[m.below(seeds.count)])
            guard case .success(let text) = InputText.decode(bytes) else { return [] }
            do {
                let t = try Trace.decode(text, source: "t.json")
                _ = try TraceReplay.replay(t, file: "t.json")
                return []
            } catch {
                return Self.check(error: "\(error)", line: nil, lines: 0)
            }
        }
        #expect(r.failures.isEmpty, "\(r.failures.prefix(5))")
        #expect(r.inputs >= 1_500 || Self.seconds != nil)
    }

    /// Themes: every shipped theme, mutated; warnings are one safe line each.
    @Test func themes() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized.path
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".toml") }.sorted()
        let seeds = try files.map { Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))) }
        try #require(!seeds.isEmpty)
        let r = Self.campaign("themes", count: 600) { seed in
            var m = SeededMutator(seed: seed)
            let bytes = m.mutate(seeds[m.below(seeds.count)])
            let lines = bytes.filter { $0 == 0x0A }.count + 1
            guard case .success(let text) = InputText.decode(bytes) else { return [] }
            let (_, warnings) = ThemeLoader.parse(text, origin: "t.toml", parent: nil)
            return warnings.flatMap { Self.check(error: $0.description, line: $0.line, lines: lines) }
        }
        #expect(r.failures.isEmpty, "\(r.failures.prefix(5))")
    }

    /// Sysfs trees: device and driver names, classes and group names drawn from hostile
    /// fragments; an import either fails with one safe line or writes a scenario that loads.
    @Test func sysfsTrees() throws {
        let names = ["0000:00:01.0", "0000:01:00.0", "a b", "x\ty", "n\u{1B}[2J", "+7", "7", "bidi\u{202E}", "漢字", ""]
        let classes = ["0x060400", "0x020000", "0x+60400", "0x", "garbage\u{1B}", "0x0604000000", "-0x1"]
        let r = Self.campaign("sysfs", count: 40) { seed in
            var m = SeededMutator(seed: seed)
            guard let scratch = try? Scratch("fuzz-sysfs-\(seed)") else { return ["cannot make a scratch folder"] }
            let root = scratch.root
            let fm = FileManager.default
            for g in 0..<(1 + m.below(3)) {
                let group = m.below(4) == 0 ? names[m.below(names.count)] : String(g)
                for _ in 0..<(1 + m.below(2)) {
                    let dev = names[m.below(names.count)]
                    guard !dev.isEmpty else { continue }
                    let devDir = root + "/devices/pci0000:00/" + dev
                    try? fm.createDirectory(atPath: devDir, withIntermediateDirectories: true)
                    try? classes[m.below(classes.count)].write(toFile: devDir + "/class", atomically: false, encoding: .utf8)
                    if m.below(2) == 0 {
                        let drv = ["e1000e", "vfio-pci", "bad driver", "d\u{7}"][m.below(4)]
                        try? fm.createDirectory(atPath: root + "/bus/pci/drivers/" + drv, withIntermediateDirectories: true)
                        try? fm.createSymbolicLink(atPath: devDir + "/driver", withDestinationPath: "../../../bus/pci/drivers/" + drv)
                    }
                    let gdir = root + "/kernel/iommu_groups/" + group + "/devices"
                    try? fm.createDirectory(atPath: gdir, withIntermediateDirectories: true)
                    try? fm.createSymbolicLink(atPath: gdir + "/" + dev, withDestinationPath: "../../../../devices/pci0000:00/" + dev)
                }
            }
            do {
                let s = try SysfsImporter.importTopology(root: root, managed: ManagedDrivers.known)
                do { _ = try ScenarioLoader.parse(s.text, source: "imported.toml") } catch { return ["import wrote what does not load: \(error)"] }
                return []
            } catch {
                return Self.check(error: "\(error)", line: nil, lines: 0)
            }
        }
        #expect(r.failures.isEmpty, "\(r.failures.prefix(5))")
    }
}
