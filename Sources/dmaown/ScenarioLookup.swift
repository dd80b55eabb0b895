import DMAOwnEngine
import DMAOwnScenario

/// Finds the scenario a command names. TEMPORARY until branch `scenario` lands: then this
/// becomes `ScenarioLoader.load(path:)` for files and `BuiltinScenarios.named` for names, with
/// `BuiltinScenarios.defaultName` as the default.
enum ScenarioLookup {
    static let defaultName = "s5"

    /// A file path or a built-in name; the error is one line naming the file, line or value.
    static func load(_ nameOrPath: String) -> Result<Scenario, ScenarioLookupError> {
        if nameOrPath.lowercased() == "s5" { return .success(s5) }
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            return .failure(ScenarioLookupError(message: "\(nameOrPath): scenario files are not readable yet (waiting for the scenario loader)"))
        }
        return .failure(ScenarioLookupError(message: "unknown scenario '\(nameOrPath)' (built-in: s5)"))
    }

    /// S5 from DOMAIN §6: bind B to e1000e while the group is claimed.
    static var s5: Scenario {
        let a = "0000:01:00.0", b = "0000:01:00.1"
        let topo = Topology.make(groups: [(7, [a, b])],
                                 drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false)],
                                 owners: ["qemu"])
        let op = { (line: String) in try! OperationGrammar.parse(line, in: topo).get() }
        return Scenario(title: "S5: bind a kernel driver while VFIO claims the group", scheme: .merged, topology: topo,
                        setup: [op("bind \(a) vfio-pci")], threads: [op("bind \(b) e1000e"), op("claim 7 qemu")],
                        source: "built-in:s5")
    }
}

/// A scenario that could not be found or read, worded as one line.
struct ScenarioLookupError: Error { var message: String }
