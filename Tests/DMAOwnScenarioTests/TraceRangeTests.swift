import Foundation
import Testing
import DMAOwnEngine
@testable import DMAOwnScenario
import DMAOwnTestSupport

/// Issue 16's crash class: every number read from a trace is checked against the model's real
/// limits, with an error naming the entry or field, before replay does arithmetic with it.
@Suite struct TraceRangeTests {
    static func json(thread: String = "2", version: String = "1", operations: [String]? = nil) throws -> String {
        let t = TraceTests.trace([1])
        var ops = operations ?? t.operations
        ops = ops.map { "\"\($0)\"" }
        let scenario = try #require(String(data: JSONEncoder().encode(t.scenario), encoding: .utf8))
        return """
            {"version": \(version), "title": "t", "source": "race.toml", "scenario": \(scenario), "scheme": "merged",
             "operations": [\(ops.joined(separator: ", "))],
             "steps": [{"thread": 1}, {"thread": \(thread), "fail": false}]}
            """
    }

    static func error(_ text: String) -> TraceError? {
        do {
            let t = try Trace.decode(text, source: "t.json")
            _ = try TraceReplay.replay(t, file: "t.json")
            return nil
        } catch { return error }
    }

    @Test func theTextItselfReplays() throws {
        #expect(Self.error(try Self.json()) == nil)
    }

    @Test(arguments: ["-9223372036854775808", "9223372036854775807", "0", "-1", "3", "256"])
    func aThreadOutOfRangeNamesItsEntry(_ thread: String) throws {
        let e = try #require(Self.error(try Self.json(thread: thread)))
        #expect(e.entry == 1, "\(e)")
        #expect(e.description.hasPrefix("t.json: steps[1]: thread \(thread) does not exist"), "\(e)")
    }

    @Test(arguments: [("1.5", "not a whole number"), ("9223372036854775808", "out of range"), ("-9223372036854775809", "out of range")])
    func aNumberIntCannotHoldNamesItsField(_ thread: String, _ why: String) throws {
        let e = try #require(Self.error(try Self.json(thread: thread)))
        #expect(e.description.contains("steps[1].thread"), "\(e)")
        #expect(e.description.contains(why), "\(e)")
        #expect(!e.description.contains("not valid JSON"))
    }

    @Test func aNumberPastDoubleNamesItsLineAndField() throws {
        let e = try #require(Self.error(try Self.json(version: "1e400")))
        #expect(e.description == "t.json: line 1: the number 'version' '1e400' is out of range", "\(e)")
    }

    /// 302 operations would put thread 256's id into a byte-sized lock holder.
    @Test func moreOperationsThanTheModelHoldsIsAnError() throws {
        let ops = TraceTests.trace([1]).operations + Array(repeating: "claim 7 qemu", count: 300)
        let e = try #require(Self.error(try Self.json(thread: "256", operations: ops)))
        #expect(e.description == "t.json: operations: 302 operations; the model holds at most \(ScenarioSchema.maxThreads) threads")
    }

    @Test func aNulInATraceFileIsAnErrorWithItsLine() throws {
        let scratch = try Scratch("trace")
        let text = try Self.json()
        let path = try scratch.file("nul.json", String(text.prefix(10)) + "\n\0" + text.dropFirst(10))
        #expect(throws: TraceError(file: path, message: "line 2: a NUL byte, which no text file holds")) { try Trace.load(path: path) }
    }

    @Test func aNulInTheEmbeddedScenarioIsAnErrorWithItsLine() throws {
        var t = TraceTests.trace([1])
        t.scenario = t.scenario.replacingOccurrences(of: "owners", with: "\0owners")
        let e = try #require(Self.error(t.json()))
        #expect(e.description.contains("embedded scenario: race.json:3: a NUL byte"), "\(e)")
    }

    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let scratch = try Scratch("trace")
        let path = scratch.path("fifo.json")
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: TraceError(file: path, message: "cannot read trace file: is a FIFO, not a regular file")) { try Trace.load(path: path) }
    }
}
