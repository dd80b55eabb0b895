import DMAOwnBench
import DMAOwnTerminal
import DMAOwnTestSupport
import Foundation
import Testing

/// A private tmux server running one command in a pane, driven like fzf's test harness: send
/// keys, capture the screen, poll with a deadline (never sleep), and print the screen on failure.
final class Tmux {
    let socket: String
    let target = "t"
    /// Holds the server's config file; removed with this object.
    private let scratch: Scratch
    private static let counter = Counter()

    /// Starts `command` in a `width`×`height` pane; the pane stays after the command exits so its
    /// final terminal state (alternate screen, cursor) can be inspected.
    init(_ command: [String], width: Int = 100, height: Int = 30, env: [String: String] = [:]) throws {
        socket = "dmaown-test-\(getpid())-\(Self.counter.next())"
        scratch = try Scratch("tmux")
        let config = try scratch.file("tmux.conf", "set -g remain-on-exit on\nset -g status off\nset -g default-terminal screen-256color\n")
        var args = ["-f", config, "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", target]
        let environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no"].merging(env) { $1 }
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args += command
        let r = run(args)
        guard r.status == 0 else { throw HarnessError("tmux new-session failed: \(r.output)") }
    }

    /// Runs `dmaown args` under a small shell that reports the exit status on screen and then keeps
    /// the pane alive without touching terminal modes. (tmux hides the cursor of a dead pane, so
    /// `remain-on-exit` cannot show whether the program restored it.)
    static func dmaown(_ args: [String] = [], prefix: [String] = [], width: Int = 100, height: Int = 30,
                       env: [String: String] = [:], binary: String = Binary.path) throws -> Tmux {
        let script = "trap : INT; \"$@\"; echo \"dmaown-exit=$?\"; exec sleep 100000"
        return try Tmux(["/bin/sh", "-c", script, "sh"] + prefix + [binary] + args, width: width, height: height, env: env)
    }

    /// The pid of the program the wrapper shell started.
    func programPID() -> String {
        let shell = format("#{pane_pid}")
        return Subprocess.run(["ps", "-o", "pid=", "--ppid", shell]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The program's exit status as the wrapper shell reported it (128 + N for signal N); nil on timeout.
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        var status: Int?
        waitFor("the program to exit", sourceLocation: sourceLocation) { s in
            guard let r = s.range(of: "dmaown-exit=") else { return false }
            status = Int(s[r.upperBound...].prefix { $0.isNumber })
            return status != nil
        }
        return status
    }

    deinit {
        let socketPath = format("#{socket_path}")
        _ = run(["kill-server"])
        if socketPath.hasSuffix(socket) { unlink(socketPath) }
    }

    /// The test runner's environment without what would change how the program looks: `swift test`
    /// sets NO_COLOR=1, and the tmux server hands its environment to every pane.
    static let serverEnvironment = ProcessInfo.processInfo.environment.filter { !["NO_COLOR", "COLORTERM"].contains($0.key) }

    /// Runs a tmux command against this server.
    @discardableResult
    func run(_ args: [String]) -> (status: Int32, output: String) {
        let r = Subprocess.run(["tmux", "-L", socket] + args, environment: Self.serverEnvironment)
        return (r.status, r.stdout + r.stderr)
    }

    /// The pane's visible text.
    func screen() -> String { run(["capture-pane", "-p", "-t", target]).output }

    /// The pane's text with its colours and attributes as SGR escape sequences.
    func screenWithEscapes() -> String { run(["capture-pane", "-p", "-e", "-t", target]).output }

    /// A tmux format evaluated for the pane (`#{alternate_on}`, `#{pane_pid}`, ...).
    func format(_ f: String) -> String {
        run(["display-message", "-p", "-t", target, f]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func send(_ keys: String...) { run(["send-keys", "-t", target] + keys) }

    /// Types `text` literally.
    func type(_ text: String) { run(["send-keys", "-t", target, "-l", text]) }

    func resize(width: Int, height: Int) {
        run(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls until `condition` holds on the screen, for at most `seconds`; on timeout records an
    /// issue with the screen as it was.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        repeat {
            last = screen()
            if condition(last) { return true }
            usleep(20_000)  // between polls only; the deadline decides, not the nap
        } while Date() < deadline
        Issue.record("timed out waiting for \(what); screen was:\n\(last)", sourceLocation: sourceLocation)
        return false
    }

    /// Waits for the screen to contain every one of `words` (case-insensitive).
    @discardableResult
    func waitFor(words: String..., seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor(words.joined(separator: ", "), seconds: seconds, sourceLocation: sourceLocation) { s in
            words.allSatisfy { s.localizedCaseInsensitiveContains($0) }
        }
    }

    /// Polls until a format has the wanted value.
    @discardableResult
    func waitFor(format f: String, toBe value: String, seconds: Double = 10,
                 sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if format(f) == value { return true }
            usleep(20_000)
        } while Date() < deadline
        Issue.record("timed out waiting for \(f) == \(value) (is \(format(f))); screen was:\n\(screen())",
                     sourceLocation: sourceLocation)
        return false
    }

    /// After the program exited: the terminal must be back on the normal screen with the cursor shown.
    /// Returns the exit status.
    @discardableResult
    func expectTerminalRestored(sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        guard let status = waitForExit(sourceLocation: sourceLocation) else { return nil }
        let state = format("alternate_on=#{alternate_on} cursor_flag=#{cursor_flag}")
        #expect(state == "alternate_on=0 cursor_flag=1", "terminal not restored; screen:\n\(screen())",
                sourceLocation: sourceLocation)
        return status
    }

    /// How the command ended, once tmux has reaped it: "exit N" or "signal N" ("" on timeout).
    /// The pane reads dead when the pty closes, which can be before the status is known.
    func exitReport(seconds: Double = 10) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let r = format("#{pane_dead_status}|#{pane_dead_signal}").split(separator: "|", omittingEmptySubsequences: false)
            if r.count == 2, !r[1].isEmpty { return "signal \(r[1])" }
            if r.count == 2, !r[0].isEmpty { return "exit \(r[0])" }
            usleep(20_000)
        } while Date() < deadline
        return ""
    }

    private final class Counter: @unchecked Sendable {
        private var n = 0
        private let lock = NSLock()
        func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    }
}

extension Tmux {
    /// The one predicate for "tmux is available": `tmux -V` runs.
    static let installed = Subprocess.run(["tmux", "-V"]).status == 0

    /// Whether tests that drive tmux run: where it is installed, and always under `CI=true`, since
    /// CI installs tmux (`.ci/run`) and a missing one must fail there, not skip.
    static let testsRun = installed || ProcessInfo.processInfo.environment["CI"] == "true"
}

extension Trait where Self == ConditionTrait {
    /// On a suite or test that drives the TUI in tmux: without tmux it is skipped, visibly and
    /// with this reason, rather than failing on `tmux new-session` (or passing having checked
    /// nothing); under `CI=true` it runs and fails.
    static var needsTmux: Self {
        .enabled(if: Tmux.testsRun, "tmux is not installed (the TUI tests drive it; under CI=true they run and fail instead)")
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The `dmaown` binary built beside this test bundle (same build path and configuration).
enum Binary {
    static var path: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test runner is .../debug/dmaownPackageTests.xctest; the binary sits beside it.
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("dmaown").path
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        // Fall back to the package's default build path.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/dmaown").path
    }

    /// Runs the binary with `args` to completion: stdin from /dev/null, stdout and stderr collected
    /// (so neither is a terminal). The one launcher the command tests share.
    static func run(_ args: [String], environment: [String: String]? = nil) -> Subprocess.Result {
        Subprocess.run([path] + args, environment: environment)
    }
}
