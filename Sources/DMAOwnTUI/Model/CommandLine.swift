import DMAOwnEngine

/// The `:` command line: an operation line being typed, with Tab completion; also
/// `scheme NAME` and `seed N`, which set what `s` and `r` would otherwise cycle or continue, and
/// `owner`, `driver` and `device`, which grow the scenario (`ScenarioGrowth`).
public struct CommandInput: Sendable, Equatable {
    /// Words the line takes besides the operation verbs.
    public static let commands = ["scheme", "seed", "compare"] + ScenarioGrowth.usages.map(\.command)

    public var text: String
    /// What the last Tab could complete to, shown above the line when there is more than one.
    public var candidates: [String]
    /// The add dialog's words when its "new …" entry opened this line: once the name is added,
    /// the dialog comes back with it picked.
    public var resume: [String]?
    public init(text: String = "", candidates: [String] = [], resume: [String]? = nil) {
        self.text = text; self.candidates = candidates; self.resume = resume
    }

    /// Completes the word under the cursor (the last one): verbs first, then the names each
    /// operand position takes. A unique match is finished with a space; several extend to their
    /// common prefix and are listed. Returns false when nothing matches.
    public mutating func complete(in topology: Topology) -> Bool {
        let words = text.split(separator: " ").map(String.init)
        let atNewWord = text.isEmpty || text.last == " "
        let index = atNewWord ? words.count : words.count - 1
        let partial = atNewWord ? "" : words[words.count - 1]
        let pool: [String]
        var kind: OperationGrammar.Operand?
        if index == 0 {
            pool = OperationGrammar.verbs.map(\.verb) + CommandInput.commands
        } else if words[0] == "scheme" || words[0] == "compare", index == 1 {
            pool = SchemeID.allCases.map(\.rawValue)
        } else if words[0] == "driver", index >= 2 {
            pool = ScenarioGrowth.driverFlags
        } else if words[0] == "device", index == 1 {
            pool = topology.groups.map { String($0.id) }
        } else if let form = OperationGrammar.verbs.first(where: { $0.verb == words[0] }), index - 1 < form.operands.count {
            kind = form.operands[index - 1]
            pool = OperationGrammar.candidates(for: form.operands[index - 1], in: topology)
        } else {
            candidates = []
            return false
        }
        var matches = pool.filter { $0.hasPrefix(partial) }
        // Device names may be typed by a unique suffix or any part (`01:00.1`).
        if matches.isEmpty, kind == .device { matches = pool.filter { $0.contains(partial) } }
        guard !matches.isEmpty else { candidates = []; return false }
        let head = atNewWord ? text : String(text.dropLast(partial.count))
        if matches.count == 1 {
            // `may_fail=` goes on with its value, not a new word.
            text = head + matches[0] + (matches[0].hasSuffix("=") ? "" : " ")
            candidates = []
        } else {
            let common = CommandInput.commonPrefix(matches)
            if common.count > partial.count { text = head + common }
            candidates = matches
        }
        return true
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
