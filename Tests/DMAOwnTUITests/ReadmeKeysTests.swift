import Foundation
import Testing
@testable import DMAOwnTUI

/// README's key table is for people who read before they run: it must list what the key table
/// dispatches, in the same words, so the two cannot drift apart.
@Suite struct ReadmeKeysTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md").standardized

    /// The rows of the table under "### Keys", as (key label, help).
    static func rows() throws -> [(String, String)] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let rest = try #require(text.components(separatedBy: "### Keys").dropFirst().first, "README has no ### Keys section")
        // Up to the next heading: later sections have tables of their own.
        let section = rest.components(separatedBy: "\n#").first ?? rest
        return section.components(separatedBy: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { return nil }
            return (String(cells[1].dropFirst().dropLast()), cells[2])
        }
    }

    @Test func everyBindingIsInTheReadmeWithItsHelp() throws {
        let rows = try Self.rows()
        #expect(rows.map(\.0) == KeyTable.bindings.map(\.label))
        #expect(!rows.isEmpty, "the loop below checks something")
        for (row, binding) in zip(rows, KeyTable.bindings) {
            #expect(row.1 == binding.help, "README says '\(row.1)' for \(binding.label), the help says '\(binding.help)'")
        }
    }
}
