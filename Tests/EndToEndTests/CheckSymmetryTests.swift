import DMAOwnBench
import DMAOwnTestSupport
import Foundation
import Testing

/// `dmaown check` on threads that repeat an operation: the counting pass folds them, the text
/// and JSON say which, and `--no-symmetry` gives the same counts from more states.
@Suite struct CheckSymmetryTests {
    static let repeated = """
        title = "twice"
        scheme = "merged"
        owners = ["qemu"]
        setup = ["bind 0000:01:00.0 vfio-pci"]
        threads = ["bind 0000:01:00.1 e1000e", "claim 7 qemu", "bind 0000:01:00.1 e1000e"]

        [drivers]
        vfio-pci = { managed_dma = true }
        e1000e = { managed_dma = false }

        [groups]
        7 = ["0000:01:00.0", "0000:01:00.1"]
        """

    @Test func foldedAndUnfoldedAgreeAndSaySo() throws {
        let scratch = try Scratch("symmetry")
        let path = try scratch.scenarioFile(Self.repeated)
        let folded = Binary.run(["check", path, "--json"]), every = Binary.run(["check", path, "--json", "--no-symmetry"])
        #expect(folded.status == 0 && every.status == 0, "\(folded.stderr)\(every.stderr)")
        let a = try #require(try JSONSerialization.jsonObject(with: Data(folded.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(every.stdout.utf8)) as? [String: Any])
        #expect(a["counting_symmetry"] as? [[Int]] == [[1, 3]])
        #expect(b["counting_symmetry"] == nil)
        #expect((a["counting_states"] as? Int ?? 0) < (b["counting_states"] as? Int ?? 0))
        #expect(a["schedules_total"] as? NSNumber == b["schedules_total"] as? NSNumber && a["schedules_total"] != nil)
        #expect((a["outcomes"] as? NSArray) == (b["outcomes"] as? NSArray) && (a["outcomes"] as? NSArray)?.count ?? 0 > 1)
        let text = Binary.run(["check", path])
        #expect(text.stdout.contains("unreduced states, swaps of identical threads taken as one"), "\(text.stdout)")
        #expect(text.stdout.contains("Threads 1 and 3 run the same operation from the same start"), "\(text.stdout)")
        #expect(!Binary.run(["check", path, "--no-symmetry"]).stdout.contains("identical threads"))
    }

    /// `compare` shows states per scheme, so it says in `check`'s words that they were folded.
    @Test func compareSaysWhichThreadsWereFolded() throws {
        let scratch = try Scratch("symmetry")
        let path = try scratch.scenarioFile(Self.repeated)
        let sentence = "Threads 1 and 3 run the same operation from the same start: the search took states that differ only by swapping them as one"
        #expect(Binary.run(["check", path]).stdout.contains(sentence))
        for format in ["text", "markdown"] {
            let r = Binary.run(["compare", path, "--format", format])
            #expect(r.stdout.contains(sentence), "\(format): \(r.stdout)")
        }
        let json = Binary.run(["compare", path, "--json"])
        #expect(json.stdout.contains(sentence))
    }
}
