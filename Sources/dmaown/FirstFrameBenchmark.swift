import DMAOwnBench
import DMAOwnExplorer
import DMAOwnTerminal
import Foundation

/// Times the TUI's first frame as a person would see it: starts this very binary in a private
/// tmux server and polls the pane until the default scenario's screen is up (its pane titles and
/// the invariant line, which is drawn last).
///
/// The figure includes tmux creating the pane and one `capture-pane` round trip, so it is an
/// upper bound on the program's own start-up. Without tmux the figure is reported as skipped.
enum FirstFrameBenchmark {
    struct Figures {
        var milliseconds: [Double]
    }

    /// `runs` launches, each waited for up to `deadline` seconds; nil when tmux is not installed.
    static func run(runs: Int = 5, deadline: Double = 5) -> Result<Figures, Failure>? {
        guard Subprocess.run(["tmux", "-V"]).status == 0 else { return nil }
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let socket = "dmaown-bench-\(getpid())"
        var socketPath = ""
        defer {
            _ = Subprocess.run(["tmux", "-L", socket, "kill-server"])
            // tmux leaves the socket file behind; remove it, but only if it is ours.
            if socketPath.hasSuffix("/" + socket) { unlink(socketPath) }
        }
        // A session that outlives the timed ones keeps the server up between launches: killing the
        // last session of a server makes it exit, and a new-session racing that exit fails with
        // "server exited unexpectedly" (what made the bench test flaky on a loaded machine).
        let keeper = Subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "keeper", "cat"])
        guard keeper.status == 0 else { return .failure(Failure("tmux new-session failed: \(keeper.stderr)")) }
        var times: [Double] = []
        for i in 0..<runs {
            let session = "b\(i)"
            let clock = ContinuousClock()
            let start = clock.now
            let created = Subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", session,
                                          "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", binary])
            guard created.status == 0 else { return .failure(Failure("tmux new-session failed: \(created.stderr)")) }
            var shown = false
            while clock.now - start < .seconds(deadline) {
                let screen = Subprocess.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", session]).stdout
                if screen.contains("Topology"), screen.contains("Timeline"), screen.contains("lock-order") { shown = true; break }
            }
            let elapsed = clock.now - start
            if socketPath.isEmpty {
                socketPath = Subprocess.run(["tmux", "-L", socket, "display-message", "-p", "#{socket_path}"]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            _ = Subprocess.run(["tmux", "-L", socket, "kill-session", "-t", session])
            guard shown else { return .failure(Failure("no frame within \(deadline) s")) }
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return .success(Figures(milliseconds: times))
    }

    struct Failure: Error { let message: String; init(_ m: String) { message = m } }

    /// The JSON object `dmaown bench` prints under "tui_first_frame".
    static func json() -> JSONText {
        let method = JSONText.string("launch in a 100x30 tmux pane, poll capture-pane until the first frame is complete (includes tmux's pane start)")
        switch run() {
        case nil:
            return .object([("skipped", .string("tmux not found")), ("budget_milliseconds", .double(200))])
        case .failure(let f)?:
            return .object([("error", .string(f.message)), ("method", method), ("budget_milliseconds", .double(200))])
        case .success(let f)?:
            let sorted = f.milliseconds.sorted()
            return .object([
                ("method", method), ("runs", .int(sorted.count)),
                ("median_milliseconds", .double(BenchCommand.round(sorted[sorted.count / 2], 1))),
                ("max_milliseconds", .double(BenchCommand.round(sorted.last ?? 0, 1))),
                ("budget_milliseconds", .double(200)),
            ])
        }
    }
}
