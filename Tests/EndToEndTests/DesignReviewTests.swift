import DMAOwnBench
import DMAOwnTestSupport
import Foundation
import Testing

/// A reviewer's job, in the UI alone: on `robin-stale-owner`, add the VM (owner qemu, driver
/// vfio-pci) and its operations, reach Robin's stale owner and the claim it refuses, set the
/// merged scheme beside it, and write the scenario for `dmaown check`, which must say the same.
@Suite(.needsTmux) struct DesignReviewTests {
    func press(_ t: Tmux, _ key: String, times: Int = 1) {
        t.run(["send-keys", "-t", t.target] + Array(repeating: key, count: times))
    }

    /// Types `line` on the `:` line and enters it; waits for `answer` in the status line.
    func command(_ t: Tmux, _ line: String, answer: String) -> Bool {
        press(t, ":")
        t.type(line)
        press(t, "Enter")
        return t.waitFor(words: answer)
    }

    /// Each thread's result as the Threads pane shows it ("done -EBUSY" under "✘4 claim 10 qemu").
    static func results(_ screen: String) -> [String: String] {
        let lines = screen.components(separatedBy: "\n")
        var out: [String: String] = [:]
        for (i, line) in lines.enumerated().dropLast() {
            guard let op = line.range(of: #"[✔✘▶◼⏸] ?\d+ (\S+( \S+){1,2})"#, options: .regularExpression) else { continue }
            let words = line[op].split(separator: " ").dropFirst().joined(separator: " ")
            if let done = lines[i + 1].range(of: #"done (\S+)"#, options: .regularExpression) {
                out[words.trimmingCharacters(in: .whitespaces)] = String(lines[i + 1][done].dropFirst(5))
            }
        }
        return out
    }

    @Test func robinsStaleOwnerRefusesTheVMWhileMergedLetsItIn() throws {
        let scratch = try Scratch("review")
        let path = scratch.path("vm-refused.toml")
        let t = try Tmux.dmaown(["robin-stale-owner"], width: 120, height: 35)
        guard t.waitFor(words: "unbind 0000:0a:00.0") else { return }

        // The names the scenario lacks, then the operations on them: the claim through the `a`
        // dialog, whose owner list offers "new owner…".
        press(t, ":")
        t.type("claim 10 qemu")
        press(t, "Enter")
        guard t.waitFor(words: "unknown owner 'qemu'", ":owner qemu") else { return }
        press(t, "Escape")
        guard command(t, "driver vfio-pci managed vfio", answer: "added driver vfio-pci"),
              command(t, "bind 0a:00.0 vfio-pci", answer: "added thread 3") else { return }
        press(t, "a")
        guard t.waitFor(words: "pick operation") else { return }
        press(t, "j", times: 2)  // bind, unbind, claim
        press(t, "Enter")
        guard t.waitFor(words: "pick GROUP") else { return }
        press(t, "Enter")  // group 10
        guard t.waitFor(words: "new owner") else { return }
        press(t, "Enter")
        guard t.waitFor(words: ":owner") else { return }
        t.type("qemu")
        press(t, "Enter")
        guard t.waitFor(words: "added thread 4: claim 10 qemu") else { return }

        // Robin's hole: the r8169 bind sets dev->driver, the unbind's scan keeps ownership for it,
        // its pins fail; then the VM binds vfio-pci and is refused.
        press(t, "2", times: 3)
        guard t.waitFor(words: "pinctrl_bind_pins (may fail: f)") else { return }
        press(t, "1", times: 12)
        guard t.waitFor(words: "done 0") else { return }
        press(t, "j")  // select thread 2 for f
        press(t, "f")
        guard t.waitFor(words: "pin setup failed") else { return }
        press(t, "2", times: 4)
        press(t, "3", times: 12)
        press(t, "4", times: 8)
        guard t.waitFor(words: "done -EBUSY", "done -EINVAL", "10 ⚠ stale-owner") else { return }
        let shown = Self.results(t.screen())
        #expect(shown["claim 10 qemu"] == "-EBUSY", "read from the screen: \(shown)")
        #expect(shown.count == 4, "read from the screen: \(shown)")

        // The same schedule beside merged: the claim goes through there, and the view says so at its row.
        press(t, "c")
        guard t.waitFor(words: "Enter compares") else { return }
        press(t, "Enter")
        t.waitFor(words: "merged (compared)", "T4 returns -EBUSY here, 0 under merged",
                  "claim 10 qemu: done -EBUSY (robin) | done 0 (merged)", "broken: stale-owner (robin) | none (merged)")

        // W writes what check reads: the same verdict, and the outcome the screen showed among its outcomes.
        press(t, "W")
        guard t.waitFor(words: "write scenario to") else { return }
        press(t, "C-u")
        t.type(path)
        press(t, "Enter")
        guard t.waitFor(words: "wrote the scenario") else { return }
        let check = Subprocess.run([Binary.path, "check", "--json", path])
        #expect(check.status == 1, "check: \(check.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let violations = (json["violations"] as? [[String: Any]] ?? []).compactMap { $0["invariant"] as? String }
        #expect(violations == ["stale-owner"])
        let outcomes = (json["outcomes"] as? [[String: Any]] ?? []).compactMap { $0["results"] as? [String: String] }
        #expect(outcomes.contains(shown), "the screen's outcome \(shown) is not among check's \(outcomes)")
        // The file is also what `c` compared against: under merged the VM's claim is never refused by a stale owner.
        let merged = Subprocess.run([Binary.path, "check", "--json", "--scheme", "merged", path])
        let mergedJSON = try #require(try JSONSerialization.jsonObject(with: Data(merged.stdout.utf8)) as? [String: Any])
        #expect(((mergedJSON["violations"] as? [[String: Any]]) ?? []).allSatisfy { $0["invariant"] as? String != "stale-owner" })
    }
}
