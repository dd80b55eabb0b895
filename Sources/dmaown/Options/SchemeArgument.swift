import ArgumentParser
import DMAOwnEngine

/// Scheme names as `check --scheme` and `compare --schemes` read them. `all` is a word people try
/// with `check` (it names every scheme); there it gets a pointer to `compare` instead of the
/// parser's "invalid value".
enum SchemeArgument {
    /// Every scheme name, for completion.
    static let completion = CompletionKind.list(SchemeID.allCases.map(\.rawValue))

    /// One scheme, as `check --scheme` takes it.
    @Sendable static func one(_ text: String) throws -> SchemeID {
        if text == "all" {
            throw ValidationError("check explores one scheme; 'dmaown compare SCENARIO' explores every scheme and reports them side by side")
        }
        return try scheme(text, orAll: false)
    }

    /// `all`, or scheme names separated by commas, as `compare --schemes` takes them: in the order
    /// given, each once.
    @Sendable static func list(_ text: String) throws -> [SchemeID] {
        if text == "all" { return SchemeID.allCases }
        var out: [SchemeID] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingSpaces }) {
            guard !word.isEmpty else { throw ValidationError("an empty scheme name in '\(text)' (names are separated by single commas)") }
            let s = try scheme(word, orAll: true)
            if !out.contains(s) { out.append(s) }
        }
        return out
    }

    private static func scheme(_ word: String, orAll: Bool) throws -> SchemeID {
        guard let s = SchemeID(rawValue: word) else {
            let names = SchemeID.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown scheme '\(word)' (one of \(names)\(orAll ? ", or all" : ""))")
        }
        return s
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
