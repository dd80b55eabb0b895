import Foundation

/// A structural reading of a Mermaid sequence diagram: which participants are declared, and
/// whether every message and note uses only those. Enough to catch a diagram that will not render.
struct MermaidStructure {
    var participants: [String] = []
    var messages = 0
    var problems: [String] = []

    static func check(_ text: String) -> MermaidStructure {
        var r = MermaidStructure()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.first != "sequenceDiagram" { r.problems.append("line 1: not a sequenceDiagram") }
        var open = 0
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let n = i + 1
            if line.hasPrefix("participant ") {
                let id = line.dropFirst("participant ".count).split(separator: " ").first.map(String.init) ?? ""
                if r.participants.contains(id) { r.problems.append("line \(n): '\(id)' declared twice") }
                r.participants.append(id)
            } else if line.hasPrefix("Note over ") {
                let who = line.dropFirst("Note over ".count).prefix { $0 != ":" }.split(separator: ",").map(String.init)
                for p in who where !r.participants.contains(p) { r.problems.append("line \(n): note over undeclared participant '\(p)'") }
            } else if let arrow = ["-->>", "->>"].compactMap({ line.range(of: $0) }).first, let colon = line.firstIndex(of: ":") , arrow.upperBound < colon {
                let from = String(line[..<arrow.lowerBound]), to = String(line[arrow.upperBound..<colon])
                for p in [from, to] where !r.participants.contains(p) {
                    r.problems.append("line \(n): message \(p == from ? "from" : "to") undeclared participant '\(p)'")
                }
                r.messages += 1
            } else if line.hasPrefix("rect ") {
                open += 1
            } else if line == "end" {
                open -= 1
                if open < 0 { r.problems.append("line \(n): 'end' without a block") }
            } else if !line.hasPrefix("title ") {
                r.problems.append("line \(n): not understood: \(line)")
            }
        }
        if open > 0 { r.problems.append("\(open) block(s) not closed") }
        return r
    }
}
