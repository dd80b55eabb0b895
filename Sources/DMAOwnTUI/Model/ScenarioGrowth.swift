import DMAOwnEngine
import DMAOwnScenario

/// The `:owner`, `:driver` and `:device` commands: a scenario grown by one name, so a reviewer can
/// carry a hole through to its consequence (a VM refused later) without writing a file first.
public enum ScenarioGrowth {
    /// What one command adds.
    public enum Addition: Sendable, Equatable {
        case owner(String)
        case driver(Topology.Driver)
        /// A device in group `group` (its sysfs number; a new group when none has it).
        case device(group: Int, name: String, bridge: Bool)
    }

    /// The `:` words that add to the scenario, with their usage, for completion and errors.
    public static let usages: [(command: String, usage: String)] = [
        ("owner", "owner NAME"),
        ("driver", "driver NAME [managed] [vfio|no-vfio] [may_fail=pinctrl,probe]"),
        ("device", "device GROUP NAME [bridge]"),
    ]

    /// The words `driver` takes after its name.
    public static let driverFlags = ["managed", "vfio", "no-vfio", "may_fail="]

    /// Reads the words of an `owner`, `driver` or `device` command (the command word first); the
    /// error is the line's usage and what did not fit it.
    public static func parse(_ words: [String]) -> Result<Addition, GrowthError> {
        guard let command = words.first, let usage = usages.first(where: { $0.command == command })?.usage else {
            return .failure(GrowthError("not an owner, driver or device command"))
        }
        let bad = { (why: String) in Result<Addition, GrowthError>.failure(GrowthError("\(why); usage: \(usage)")) }
        switch command {
        case "owner":
            guard words.count == 2 else { return bad("give one owner name") }
            return .success(.owner(words[1]))
        case "driver":
            guard words.count >= 2 else { return bad("give the driver's name") }
            var managed = false, vfio: Bool?, mayFail: Set<FailPoint> = []
            for flag in words.dropFirst(2) {
                switch flag {
                case "managed", "managed_dma": managed = true
                case "vfio": vfio = true
                case "no-vfio": vfio = false
                case _ where flag.hasPrefix("may_fail="):
                    for point in flag.dropFirst("may_fail=".count).split(separator: ",") {
                        guard let p = FailPoint(rawValue: String(point)) else {
                            return bad("unknown may_fail point '\(point)' (expected pinctrl or probe)")
                        }
                        mayFail.insert(p)
                    }
                default: return bad("unknown driver property '\(flag)'")
                }
            }
            return .success(.driver(Topology.Driver(name: words[1], managedDMA: managed, mayFail: mayFail, vfio: vfio)))
        default:
            guard words.count == 3 || (words.count == 4 && words[3] == "bridge") else { return bad("give a group number and a device name") }
            guard words[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let group = Int(words[1]) else {
                return bad("'\(words[1])' is not a group number")
            }
            return .success(.device(group: group, name: words[2], bridge: words.count == 4))
        }
    }

    /// `scenario` with `addition`, written by `ScenarioWriter` and read back by the loader, so it is
    /// exactly what `W` writes and `dmaown check` reads; its `[expect]` is dropped, since it spoke
    /// of the scenario before. Names already taken are refused.
    public static func grow(_ scenario: Scenario, by addition: Addition) -> Result<Scenario, GrowthError> {
        var topo = scenario.topology
        switch addition {
        case .owner(let name):
            guard topo.ownerIndex(named: name) == nil else { return .failure(GrowthError("owner '\(name)' exists already")) }
            topo.owners.append(name)
        case .driver(let d):
            guard topo.driverIndex(named: d.name) == nil else { return .failure(GrowthError("driver '\(d.name)' exists already")) }
            topo.drivers.append(d)
        case .device(let id, let name, let bridge):
            guard !topo.devices.contains(where: { $0.name == name }) else { return .failure(GrowthError("device '\(name)' exists already")) }
            let g = topo.groupIndex(id: id) ?? {
                topo.groups.append(Topology.Group(id: id, devices: []))
                return topo.groups.count - 1
            }()
            topo.groups[g].devices.append(topo.devices.count)
            topo.devices.append(Topology.Device(name: name, group: g, bridge: bridge))
        }
        var grown = scenario
        grown.topology = topo
        grown.expect = nil
        return reread(grown)
    }

    /// The scenario as a file would hold it: written and read back. A name the file format cannot
    /// hold (a quote the grammar would split, too many owners) is refused here with the loader's words.
    public static func reread(_ scenario: Scenario) -> Result<Scenario, GrowthError> {
        do {
            return .success(try ScenarioLoader.parse(ScenarioWriter.toml(scenario), source: scenario.source))
        } catch {
            return .failure(GrowthError(error.message))
        }
    }

    /// The scenario file `W` writes: the setup, every thread (added ones too) and the scheme on
    /// screen, in the format `dmaown check` reads unchanged.
    public static func file(_ scenario: Scenario, run: Run) -> String {
        var s = scenario
        s.scheme = run.scheme.id
        s.threads = run.operations
        if run.operations.count != scenario.threads.count { s.expect = nil }
        return ScenarioWriter.toml(s)
    }
}

/// Why a `:owner`, `:driver` or `:device` command was refused, worded for the status line.
public struct GrowthError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
