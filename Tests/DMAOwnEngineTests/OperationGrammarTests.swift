import Testing
import DMAOwnEngine

/// The operation grammar: unique device suffixes resolve, everything else is refused with a message naming the value.
@Suite struct OperationGrammarTests {
    static let topology = Topology.make(
        groups: [(7, ["0000:01:00.0", "0000:01:00.1"]), (12, ["0000:02:00.0"])],
        drivers: [.init(name: "vfio-pci", managedDMA: true), .init(name: "e1000e", managedDMA: false)],
        owners: ["qemu"])

    static func parse(_ line: String) -> Result<Operation, OperationGrammar.ParseError> {
        OperationGrammar.parse(line, in: topology)
    }

    @Test(arguments: [
        ("bind 0000:01:00.1 e1000e", Operation.bind(device: 1, driver: 1)),
        ("bind 01:00.1 e1000e", .bind(device: 1, driver: 1)),
        ("unbind 02:00.0", .unbind(device: 2)),
        ("unbind 1:00.0", .unbind(device: 0)),
        ("claim 12 qemu", .claim(group: 1, owner: 0)),
        ("release 7 qemu", .release(group: 0, owner: 0)),
        ("dclaim 00.1 qemu", .dclaim(device: 1, owner: 0)),
        ("drelease\t0000:02:00.0   qemu", .drelease(device: 2, owner: 0)),
    ])
    func accepts(_ line: String, _ expected: Operation) throws {
        #expect(try Self.parse(line).get() == expected)
    }

    @Test(arguments: [
        ("unbind 00.0", "00.0", "ambiguous device '00.0' (matches 0000:01:00.0, 0000:02:00.0)"),
        ("bind 03:00.0 e1000e", "03:00.0", "unknown device '03:00.0'"),
        ("bind 01:00.0 igb", "igb", "unknown driver 'igb'"),
        ("claim 8 qemu", "8", "unknown group '8'"),
        ("claim seven qemu", "seven", "unknown group 'seven'"),
        ("release 7 libvirt", "libvirt", "unknown owner 'libvirt'"),
        ("attach 01:00.0", "attach", "unknown operation 'attach' (expected one of: bind, unbind, claim, release, dclaim, drelease, kclaim, krelease)"),
        ("bind 01:00.0", "bind 01:00.0", "'bind 01:00.0' does not match 'bind DEVICE DRIVER'"),
        ("", "", "empty operation"),
    ])
    func rejects(_ line: String, _ value: String, _ message: String) {
        switch Self.parse(line) {
        case .success(let op): Issue.record("'\(line)' parsed as \(op)")
        case .failure(let e):
            #expect(e.value == value)
            #expect(e.message == message)
            #expect(value.isEmpty || e.message.contains(value))
        }
    }

    /// Every operation prints as a line that parses back to itself.
    @Test func describeRoundTrips() throws {
        let ops: [Operation] = [.bind(device: 2, driver: 0), .unbind(device: 1), .claim(group: 1, owner: 0),
                                .release(group: 0, owner: 0), .dclaim(device: 0, owner: 0), .drelease(device: 1, owner: 0)]
        #expect(!ops.isEmpty, "the loop below checks something")
        for op in ops { #expect(try Self.parse(Self.topology.describe(op)).get() == op) }
    }
}
