import DMAOwnEngine

/// The texts that define the words dmaown uses: concepts, the six invariants, the schemes and the
/// scenario format. `dmaown help TOPIC` prints them and the TUI's `?` overlay shows the same text,
/// so a term on screen is defined in the program itself.
///
/// Concepts, invariants and the scenario format are Markdown files in `Topics/`, embedded in the
/// binary (`.embedInCode`) so they stay data; the schemes' texts come from the engine's own
/// `SchemeInfo`, so a new scheme is described the moment it is in `Schemes.all`.
public enum HelpTopics {
    /// The topic names `dmaown help` answers, besides one per scheme.
    public static let fixedTopics = ["concepts", "invariants", "schemes", "scenario-format"]

    /// Every topic name: the fixed ones, then each scheme by name.
    public static var names: [String] { fixedTopics + Schemes.all.map(\.id.rawValue) }

    /// The whole text of `topic`, or nil when there is no such topic.
    public static func text(_ topic: String) -> String? {
        switch topic {
        case "concepts": return concepts
        case "invariants": return invariants
        case "scenario-format": return scenarioFormat
        case "schemes": return "# Schemes\n\n" + Schemes.all.map { schemeBody($0.info) }.joined(separator: "\n\n") + "\n"
        default:
            guard let scheme = Schemes.all.first(where: { $0.id.rawValue == topic }) else { return nil }
            return schemeBody(scheme.info) + "\n"
        }
    }

    /// The concepts text.
    public static let concepts = String(decoding: PackageResources.concepts_md, as: UTF8.self)
    /// The invariants text: one section per invariant with a definition and an example.
    public static let invariants = String(decoding: PackageResources.invariants_md, as: UTF8.self)
    /// The scenario file format.
    public static let scenarioFormat = String(decoding: PackageResources.scenario_format_md, as: UTF8.self)

    /// A scheme's help: name and title, description, and where to read the original.
    public static func schemeBody(_ info: SchemeInfo) -> String {
        var out = "## \(info.id.rawValue): \(info.title)\n\n\(info.summary)\n\nSources:"
        for s in info.sources { out += "\n- \(s)" }
        return out
    }

    /// The `## ` sections of a topic's Markdown, each title with its paragraphs joined into lines
    /// (a paragraph's line breaks become spaces; a line starting with `Example:` or `Definition:`
    /// starts a new paragraph), for views that wrap text to their own width.
    public static func sections(_ markdown: String) -> [(title: String, paragraphs: [String])] {
        var out: [(title: String, paragraphs: [String])] = []
        var paragraph = ""
        func flush() {
            if !paragraph.isEmpty, !out.isEmpty { out[out.count - 1].paragraphs.append(paragraph) }
            paragraph = ""
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("## ") {
                flush()
                out.append((String(line.dropFirst(3)), []))
            } else if line.hasPrefix("# ") {
                continue
            } else if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                flush()
            } else {
                if line.hasPrefix("Example:") || line.hasPrefix("Definition:") { flush() }
                paragraph += (paragraph.isEmpty ? "" : " ") + line
            }
        }
        flush()
        return out
    }
}
