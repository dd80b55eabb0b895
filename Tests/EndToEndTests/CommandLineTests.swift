import DMAOwnBench
import DMAOwnTerminal
import Foundation
import Testing

/// Input errors are one line on stderr and exit status 2, with the terminal never touched.
struct CommandLineTests {
    /// Runs the binary with stdout and stderr on pipes (so stdout is not a terminal).
    static func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = Binary.run(args)
        return (r.status, r.stdout, r.stderr)
    }

    static func expectOneLineFailure(_ r: (status: Int32, stdout: String, stderr: String), mentioning word: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "no escape sequences or output: \(r.stdout.debugDescription)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(word), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func stdoutNotATerminal() throws {
        Self.expectOneLineFailure(try Self.run([]), mentioning: "not a terminal")
    }

    @Test func badScheme() throws {
        Self.expectOneLineFailure(try Self.run(["--scheme", "bogus"]), mentioning: "bogus")
    }

    @Test func badSeed() throws {
        Self.expectOneLineFailure(try Self.run(["--seed", "many"]), mentioning: "many")
    }

    @Test func unknownScenario() throws {
        Self.expectOneLineFailure(try Self.run(["no-such-scenario"]), mentioning: "no-such-scenario")
    }

    @Test func unreadableScenarioFile() throws {
        Self.expectOneLineFailure(try Self.run(["/nonexistent/dir/x.toml"]), mentioning: "/nonexistent/dir/x.toml")
    }
}
