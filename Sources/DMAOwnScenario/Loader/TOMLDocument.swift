import DMAOwnEngine
import TOMLKit

/// The one door through which dmaown hands text to TOMLKit (scenarios, lessons, themes,
/// preferences, course progress): the text is checked first, then parsed, and every refusal has
/// a line.
///
/// toml++ (under TOMLKit) reports most malformed input as a parse error, but on a few shapes it
/// trips an assertion instead and aborts the whole process (in a release build the same spots
/// are compiler assumptions, so behaviour there is undefined rather than safe). Those shapes are
/// refused here, before toml++ sees them, by the one-pass `TOMLLineIndex` (the shapes are listed
/// where it finds them), as is a NUL byte, at which toml++ would stop silently. A file read any
/// other way could crash the program on a bad byte, so no other code calls `TOMLTable(string:)`.
public struct TOMLDocument {
    /// The parsed root table.
    public let table: TOMLTable
    /// Where each key and array item sits, for errors about values that parsed.
    public let index: TOMLLineIndex

    /// Why a text is not a usable TOML document.
    public struct Problem: Error, Sendable, Equatable {
        /// What refused it: the text itself (a NUL byte), the pre-check, or toml++'s parser.
        public enum Kind: Sendable, Equatable { case text, refused, syntax }
        public let kind: Kind
        /// The 1-based line of the problem.
        public let line: Int
        /// The offending character (`refused`) or line (`syntax`), raw: quote it through `DisplayText`.
        public let value: String
        /// The reason in words; any value in it is already quoted through `DisplayText`.
        public let reason: String
    }

    /// `text` parsed, or the first problem in it.
    public static func parse(_ text: String) -> Result<TOMLDocument, Problem> {
        if let p = InputText.problem(in: text) {
            return .failure(Problem(kind: .text, line: p.line, value: "", reason: p.description))
        }
        let index = TOMLLineIndex(text)
        if let p = index.problem {
            return .failure(Problem(kind: .refused, line: p.line, value: p.character, reason: p.message))
        }
        do {
            return .success(TOMLDocument(table: try TOMLTable(string: text), index: index))
        } catch let e as TOMLParseError {
            let line = max(1, e.source.begin.line)
            let lines = ScenarioText.split(text)
            let offending = lines.indices.contains(line - 1) ? lines[line - 1].trimmingCharacters(in: " \t\r") : ""
            return .failure(Problem(kind: .syntax, line: line, value: offending, reason: DisplayText.line(e.description)))
        } catch {
            return .failure(Problem(kind: .syntax, line: 1, value: "", reason: DisplayText.line("\(error)")))
        }
    }
}
