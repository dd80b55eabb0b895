import DMAOwnEngine

/// The `a` dialog: pick a verb, then each operand from a list, so nobody has to remember names.
public struct AddDialog: Sendable, Equatable {
    /// The verb and operands picked so far.
    public var words: [String]
    /// What may be picked next.
    public var options: [String]
    public var selected: Int

    /// A dialog at its first question: which verb.
    public init() {
        words = []; options = OperationGrammar.verbs.map(\.verb); selected = 0
    }

    /// What the next pick answers ("verb", "DEVICE", ...), or nil when the operation is complete.
    public var question: String? {
        guard let verb = words.first else { return "operation" }
        guard let form = OperationGrammar.verbs.first(where: { $0.verb == verb }) else { return nil }
        return words.count - 1 < form.operands.count ? form.operands[words.count - 1].rawValue : nil
    }

    /// Picks the selected option; returns the finished operation line once every operand is chosen.
    public mutating func pick(in topology: Topology) -> String? {
        guard options.indices.contains(selected) else { return nil }
        words.append(options[selected])
        selected = 0
        guard let form = OperationGrammar.verbs.first(where: { $0.verb == words[0] }) else { return nil }
        if words.count - 1 < form.operands.count {
            let operand = form.operands[words.count - 1]
            // The way to a name the scenario lacks is always offered last, so no list is ever empty.
            options = OperationGrammar.candidates(for: operand, in: topology) + (AddDialog.newEntry(operand).map { [$0] } ?? [])
            return nil
        }
        options = []
        return words.joined(separator: " ")
    }

    /// The last entry of an owner, driver or device list, which opens the `:` line to add one.
    public static func newEntry(_ operand: OperationGrammar.Operand) -> String? {
        switch operand {
        case .owner: "new owner…"
        case .driver: "new driver…"
        case .device: "new device…"
        case .group: nil
        }
    }

    /// The `:` command that adds what the selected "new …" entry asks for, typed so far, or nil
    /// when an ordinary name is selected.
    public var newCommand: String? {
        guard options.indices.contains(selected) else { return nil }
        return switch options[selected] {
        case AddDialog.newEntry(.owner): "owner "
        case AddDialog.newEntry(.driver): "driver "
        case AddDialog.newEntry(.device): "device "
        default: nil
        }
    }

    /// Moves the selection by `delta`, staying in the list.
    public mutating func move(_ delta: Int) {
        guard !options.isEmpty else { return }
        selected = min(max(0, selected + delta), options.count - 1)
    }
}
