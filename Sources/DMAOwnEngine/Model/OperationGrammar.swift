/// Parses one line of the operation grammar (the operation grammar, README: Scenario files) against a topology.
///
/// The same parser serves scenario files, the TUI's `:` command line and traces, so an operation
/// means the same thing wherever a person types it.
public enum OperationGrammar {
    /// The verbs and the operands each takes, in the order the README lists them.
    public static let verbs: [(verb: String, operands: [Operand])] = [
        ("bind", [.device, .driver]), ("unbind", [.device]),
        ("claim", [.group, .owner]), ("release", [.group, .owner]),
        ("dclaim", [.device, .owner]), ("drelease", [.device, .owner]),
        ("kclaim", [.group, .owner]), ("krelease", [.group, .owner]),
    ]

    /// The kind of name an operand position takes.
    public enum Operand: String, Sendable { case device = "DEVICE", driver = "DRIVER", group = "GROUP", owner = "OWNER" }

    /// Why a line is not an operation; `value` is the offending word.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var value: String
        public var description: String { message }
    }

    /// Exact device names and group numbers to indices, built once when many lines are parsed
    /// against one large topology (a 10,000-device machine), so each look-up is not a scan.
    public struct Names: Sendable {
        let devices: [String: Int]
        let groups: [Int: Int]
        public init(_ topology: Topology) {
            devices = Dictionary(topology.devices.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            groups = Dictionary(topology.groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Parses `line`, resolving names and unique device suffixes in `topology` (through `names`
    /// when given: it must have been built from this topology).
    public static func parse(_ line: String, in topology: Topology, names: Names? = nil) -> Result<Operation, ParseError> {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let verb = words.first else { return .failure(ParseError(message: "empty operation", value: line)) }
        guard let form = verbs.first(where: { $0.verb == verb }) else {
            return .failure(ParseError(
                message: "unknown operation '\(verb)' (expected one of: \(verbs.map(\.verb).joined(separator: ", ")))",
                value: verb))
        }
        let usage = ([verb] + form.operands.map(\.rawValue)).joined(separator: " ")
        guard words.count == form.operands.count + 1 else {
            return .failure(ParseError(message: "'\(line)' does not match '\(usage)'", value: line))
        }
        var resolved: [Int] = []
        for (word, kind) in zip(words.dropFirst(), form.operands) {
            switch resolve(word, as: kind, in: topology, names: names) {
            case .success(let i): resolved.append(i)
            case .failure(let e): return .failure(e)
            }
        }
        let op: Operation = switch verb {
        case "bind": .bind(device: resolved[0], driver: resolved[1])
        case "unbind": .unbind(device: resolved[0])
        case "claim": .claim(group: resolved[0], owner: resolved[1])
        case "release": .release(group: resolved[0], owner: resolved[1])
        case "dclaim": .dclaim(device: resolved[0], owner: resolved[1])
        case "drelease": .drelease(device: resolved[0], owner: resolved[1])
        case "kclaim": .kclaim(group: resolved[0], owner: resolved[1])
        default: .krelease(group: resolved[0], owner: resolved[1])
        }
        return .success(op)
    }

    /// The names a person may type at an operand position, for completion.
    public static func candidates(for kind: Operand, in topology: Topology) -> [String] {
        switch kind {
        case .device: topology.devices.map(\.name)
        case .driver: topology.drivers.map(\.name)
        case .group: topology.groups.map { String($0.id) }
        case .owner: topology.owners
        }
    }

    private static func resolve(_ word: String, as kind: Operand, in topology: Topology, names: Names?) -> Result<Int, ParseError> {
        switch kind {
        case .device:
            if let i = names?.devices[word] { return .success(i) }
            switch topology.deviceIndex(named: word) {
            case .found(let i): return .success(i)
            case .unknown: return .failure(ParseError(message: "unknown device '\(word)'", value: word))
            case .ambiguous(let names):
                return .failure(ParseError(
                    message: "ambiguous device '\(word)' (matches \(names.joined(separator: ", ")))", value: word))
            }
        case .driver:
            if let i = topology.driverIndex(named: word) { return .success(i) }
            return .failure(ParseError(message: "unknown driver '\(word)'", value: word))
        case .group:
            // Digits only, as the kernel names group directories: `+7` is not group 7.
            if word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(word),
               let i = names?.groups[n] ?? topology.groupIndex(id: n) { return .success(i) }
            return .failure(ParseError(message: "unknown group '\(word)'", value: word))
        case .owner:
            if let i = topology.ownerIndex(named: word) { return .success(i) }
            return .failure(ParseError(message: "unknown owner '\(word)'", value: word))
        }
    }
}
