import DMAOwnBench
import DMAOwnEngine
import DMAOwnTerminal
import DMAOwnTestSupport
import Foundation
import Testing

/// `dmaown help TOPIC` prints the texts that define the program's words; argument-parser's own
/// `dmaown help COMMAND` keeps working beside it.
@Suite struct HelpCommandTests {
    static func run(_ args: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let r = Binary.run(args)
        return (r.status, r.stdout, r.stderr)
    }

    @Test func helpInvariantsPrintsAllSixWithDefinitions() {
        let r = Self.run(["help", "invariants"])
        #expect(r.status == 0)
        for inv in Invariant.allCases {
            #expect(r.stdout.contains("## \(inv.rawValue)\nDefinition: "), "no definition of \(inv.rawValue):\n\(r.stdout)")
        }
        #expect(r.stdout.components(separatedBy: "Definition: ").count - 1 == Invariant.allCases.count)
    }

    @Test(arguments: ["concepts", "schemes", "scenario-format"] + SchemeID.allCases.map(\.rawValue))
    func everyTopicPrints(topic: String) {
        let r = Self.run(["help", topic])
        #expect(r.status == 0 && r.stdout.count > 200 && r.stderr.isEmpty, "\(topic): \(r)")
    }

    @Test func helpForACommandIsStillArgumentParsers() {
        let r = Self.run(["help", "check"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: dmaown check"), "\(r.stdout)")
    }

    @Test func replayPrintsEachStepsDecision() throws {
        let scratch = try Scratch("help")
        let path = scratch.path("s5.json")
        let export = Self.run(["export", "s5-bind-vs-claim", "--format", "json", "-o", path])
        #expect(export.status == 0, "\(export.stderr)")
        let trace = try String(contentsOfFile: path, encoding: .utf8)
        #expect(trace.contains("\"decision\" : "), "the trace carries decisions")
        let r = Self.run(["replay", path])
        #expect(r.stdout.contains("decision: "), "\(r.stdout)")
    }
}
