import Foundation
import Testing
import DMAOwnEngine
@testable import DMAOwnScenario

/// The inputs on which toml++ 3.4 (under TOMLKit 0.6) trips an assertion and aborts the process
/// instead of reporting a parse error, minimised from what the mutation fuzzer found (issue 16).
/// Every one must come back from `TOMLDocument` as a refusal with its line, before toml++ sees it.
///
/// These are regression tests even though they have no "crash" expectation: an abort cannot be
/// caught, it kills the whole test process, so if the pre-check ever stopped catching one of these
/// shapes the test run itself would die here (in a debug build, where toml++'s asserts are on).
@Suite struct TOMLAssertionTests {
    /// Each aborting shape, in a file, with the line the refusal must name.
    static let aborting: [(name: String, text: String, line: Int)] = [
        // parse_key's first-character assertion (toml.hpp:15481), reached from a table header.
        ("header starting with a comment", "title = \"t\"\n[#drivers]\n", 2),
        ("header starting with a dot", "[.groups]\n7 = [\"a\"]\n", 1),
        ("header at a line's end", "title = \"t\"\nowners = []\n[\ndrivers]\n", 3),
        ("header followed by CR LF", "[\r\ndrivers]\r\n", 1),
        ("array-of-tables header starting with a comment", "[[ #groups]]\n", 1),
        ("header starting with a backtick", "[ `x]\n", 1),
        // parse_value's date-time look-ahead (toml.hpp:15080): a date, a space, one digit, the end.
        ("date then a lone digit at a line's end", "x = 1\nwhen = 1979-05-27 0\n", 2),
        ("date then a lone digit in an array", "when = [1979-05-27 1]\n", 1),
        ("date then a lone digit in an inline table", "t = { when = 1979-05-27 1 }\n", 1),
        ("date then a lone digit before a comment", "when = 1979-05-27 1#\n", 1),
        // The same look-ahead stepping back past the reader's history (toml.hpp:13017).
        ("underscores inside a date", "x = 1\nwhen = 1979-05-2\(String(repeating: "_", count: 115))7 12:00:00\n", 2),
        // parse_value's terminator assertion (toml.hpp:14994), from an array item position.
        ("closing brace as an array item", "x = [ }\n", 1),
        ("line separator as an array item", "x = [\u{2028}]\n", 1),
        ("next line as an array item", "x = [1,\u{85}]\n", 1),
    ]

    @Test(arguments: 0..<aborting.count) func refusedBeforeTOMLPlusPlus(_ i: Int) throws {
        let c = Self.aborting[i]
        guard case .failure(let p) = TOMLDocument.parse(c.text) else {
            Issue.record("\(c.name): parsed")
            return
        }
        #expect(p.kind == .refused, "\(c.name): \(p)")
        #expect(p.line == c.line, "\(c.name): \(p)")
        #expect(!p.reason.unicodeScalars.contains(where: DisplayText.isUnsafe), "\(c.name): \(p.reason.debugDescription)")
    }

    /// The same inputs through the scenario loader: one error line naming the file and the line.
    @Test(arguments: 0..<aborting.count) func scenarioErrorIsOneLine(_ i: Int) throws {
        let c = Self.aborting[i]
        do {
            _ = try ScenarioLoader.parse(c.text, source: "s.toml")
            Issue.record("\(c.name): loaded")
        } catch {
            #expect(error.line == c.line, "\(c.name): \(error)")
            #expect(error.description.hasPrefix("s.toml:\(c.line): invalid TOML: "), "\(c.name): \(error)")
            let lines = error.description.split(whereSeparator: \.isNewline).count
            #expect(lines == 1, "\(c.name): \(error.description.debugDescription)")
            #expect(error.description.count < 300, "\(c.name): \(error.description.count) characters")
        }
    }

    /// No source hands text to TOMLKit except `TOMLDocument`: a new loader that called
    /// `TOMLTable(string:)` (or TOMLKit's decoder) itself would skip the pre-check and could abort on a bad file.
    @Test func onlyTOMLDocumentParsesTOML() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.contains("DMAOwnScenario/Loader/TOMLDocument.swift"))
        for file in files where file != "DMAOwnScenario/Loader/TOMLDocument.swift" {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("TOMLTable(string:") && !text.contains("TOMLDecoder("), "\(file) parses TOML itself; use TOMLDocument.parse")
        }
    }

    /// Near neighbours of those shapes that are valid TOML still parse: the pre-check refuses
    /// only what toml++ would have refused (or crashed on) anyway.
    @Test(arguments: [
        "[ drivers ]\n", "[ \"quoted header\" ]\n", "[[ groups ]]\n", "['literal']\n", "[a.b]\n",
        "when = 1979-05-27 07:32:00\n", "when = 1979-05-27\n", "when = [1979-05-27, 1979-05-28]\n",
        "when = 1979-05-27 # a comment\n", "when = 1979-05-27T07:32:00Z\n", "t = { when = 1979-05-27 }\n",
        "n = 1_000\n", "x = [\n  1, # one\n  2,\n]\n",
    ]) func validNeighboursParse(_ text: String) {
        if case .failure(let p) = TOMLDocument.parse(text) { Issue.record("\(text.debugDescription): \(p)") }
    }
}
