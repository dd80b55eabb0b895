import Testing
import Foundation
import DMAOwnEngine
@testable import DMAOwnScenario
import DMAOwnTestSupport

/// Issue 16's line-number classes: every error names the line its value is on, however the TOML
/// writes it (multi-line strings, arrays of tables, quoted and dotted keys, dotted headers), and
/// bytes that are not text are refused with their line.
@Suite struct LoaderLineTests {
    static func error(_ text: String) throws -> ScenarioError {
        do {
            _ = try ScenarioLoader.parse(text, source: "s.toml")
        } catch {
            return error
        }
        Issue.record("parsed without an error:\n\(text)")
        throw CancellationError()
    }

    static let head = """
        scheme = "merged"
        owners = ["qemu"]
        threads = []
        [drivers]
        vfio-pci = { managed_dma = true }
        """

    @Test func anOperationInsideAMultiLineStringNamesItsOwnLine() throws {
        let text = """
            scheme = "merged"
            owners = ["qemu"]
            description = \"\"\"
            threads = ["not this line"]
            \"\"\"
            threads = [
                '''
            claim 9 qemu''',
            ]
            [groups]
            7 = ["a"]
            """
        let e = try Self.error(text)
        #expect(e.line == 8, "\(e)")
        #expect(e.message.contains("9"))
    }

    @Test func anArrayOfTablesIsReportedAtItsHeader() throws {
        let e = try Self.error(Self.head + "\n[[groups]]\nid = 7\n")
        #expect(e.line == 6, "\(e)")
        #expect(e.message.contains("groups"))
    }

    @Test func aQuotedKeyWithASpaceIsFoundOnItsLine() throws {
        let e = try Self.error(Self.head + "\n[groups]\n7 = [\"a\"]\n\n\"bad key\" = 1\n")
        // A key after [groups] belongs to [groups]: not a group number.
        #expect(e.line == 9, "\(e)")
        #expect(e.message.contains("bad key"))
    }

    @Test func aDottedKeyIsFoundOnItsLine() throws {
        let text = Self.head + "\ne1000e.managed_dma = false\ne1000e.may_fail = [\"probe\", \"nonsense\"]\n[groups]\n7 = [\"a\"]\n"
        let e = try Self.error(text)
        #expect(e.line == 7, "\(e)")
        #expect(e.value == "nonsense")
    }

    @Test func aDottedHeaderIsFoundOnItsLine() throws {
        let text = Self.head + "\n[drivers.e1000e]\nmanaged_dma = false\nmay_fail = [\n  \"probe\",\n  \"nonsense\",\n]\n[groups]\n7 = [\"a\"]\n"
        let e = try Self.error(text)
        #expect(e.line == 10, "\(e)")
        #expect(e.value == "nonsense")
    }

    @Test func theSameValueTwiceIsReportedWhereItRepeats() throws {
        let e = try Self.error("scheme = \"merged\"\nthreads = []\n[groups]\n7 = [\n \"a\",\n \"b\",\n \"a\",\n]\n")
        #expect(e.line == 7, "\(e)")
    }

    @Test func aNulByteIsAnErrorWithItsLine() throws {
        let text = "scheme = \"merged\"\nthreads = []\n[groups]\n7 = [\"a\"]\n# \0\nbogus = 1\n"
        let e = try Self.error(text)
        #expect(e.line == 5, "\(e)")
        #expect(e.message.contains("NUL"))
    }

    @Test func bytesThatAreNotUTF8NameTheFirstBadLine() throws {
        let scratch = try Scratch("utf8")
        let path = scratch.path("bad.toml")
        var bytes = Array("scheme = \"merged\"\nthreads = []\ntitle = \"".utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by a non-continuation byte
        bytes += Array("\"\n".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("loaded a file that is not UTF-8")
        } catch {
            #expect(error.line == 3, "\(error)")
            #expect(error.message.contains("not UTF-8"))
        }
    }

    @Test(arguments: [[0xFF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC2]] as [[UInt8]])
    func malformedUTF8IsRefused(_ bad: [UInt8]) {
        #expect(InputText.firstProblem(Array("a\nb".utf8) + bad) == .notUTF8(line: 2, byte: bad[0]))
    }

    @Test func validUTF8Passes() {
        #expect(InputText.firstProblem(Array("é ✓ 𝄞\n".utf8)) == nil)
    }

    @Test func aNewlineInANameStaysOnOneErrorLine() throws {
        let e = try Self.error("scheme = \"merged\"\nthreads = []\n[groups]\n7 = [\"a\\nb c\"]\n")
        #expect(e.line == 4)
        #expect(!e.description.contains("\n"))
        #expect(e.description.contains("a\\nb c"))
    }

    @Test func aHugeValueIsQuotedShort() throws {
        let huge = String(repeating: "x", count: 400_000)
        let e = try Self.error("scheme = \"\(huge)\"\nthreads = []\n[groups]\n7 = [\"a\"]\n")
        #expect(e.line == 1)
        #expect(e.description.count < 400, "\(e.description.count) characters")
    }

    @Test func signedGroupNumbersAreNotGroupNumbers() throws {
        let e = try Self.error("scheme = \"merged\"\nthreads = []\n[groups]\n\"+7\" = [\"a\"]\n")
        #expect(e.line == 4)
        #expect(e.message.contains("not a group number"))
    }

    /// A large generated machine keeps its error lines right (issue 14: the index must not drift).
    @Test func errorLinesStayRightOnALargeFile() throws {
        var text = "scheme = \"merged\"\nowners = [\"qemu\"]\nthreads = []\n[drivers]\nvfio-pci = { managed_dma = true }\n[groups]\n"
        for g in 0..<3000 { text += "\(g) = [\"d\(g)a\", \"d\(g)b\"]\n" }
        text += "3000 = [\"d5a\"]\n"
        let e = try Self.error(text)
        #expect(e.line == 3007, "\(e)")
        #expect(e.value == "d5a")
    }
}

/// Found by the fuzzer: a character no key may hold, in a header, tripped an assertion in toml++
/// (the test process died of SIGABRT). The loader refuses it first, with its line.
@Suite struct LoaderBadKeyTests {
    @Test(arguments: ["[🙂expect]", "🙂 = 1", "[groups.é]", "x = { ü = 1 }", "8 =\u{A0}[\"b\"]", "8 = [\u{3000}\"b\"]", "8 = [\"b\"]\u{2028}"])
    func aCharacterNoKeyMayHoldIsAnErrorWithItsLine(_ line: String) throws {
        let e = try LoaderLineTests.error("scheme = \"merged\"\nthreads = []\n[groups]\n7 = [\"a\"]\n" + line + "\n")
        #expect(e.line == 5, "\(e)")
        #expect(e.message.contains("may appear only inside a quoted string or a comment"), "\(e)")
    }
}

/// Found by the long fuzz: a control character in a header tripped toml++'s key assertion.
@Suite struct LoaderControlInKeyTests {
    @Test(arguments: ["[\u{1B}]0;x\u{7}expect]", "x\u{1B} = 1", "[groups]\n8 = [\"b\"] \u{7}"])
    func aCharacterNoKeyMayHoldIsRefusedFirst(_ line: String) throws {
        let e = try LoaderLineTests.error("scheme = \"merged\"\nthreads = []\n[groups]\n7 = [\"a\"]\n" + line + "\n")
        #expect(e.line >= 5, "\(e)")
        #expect(e.message.hasPrefix("invalid TOML: "), "\(e)")
    }
}

/// Found by the fuzz: a value position holding nothing (`[ }`) tripped toml++'s value assertion.
@Suite struct LoaderMissingValueTests {
    @Test(arguments: ["x = { a = [ }", "x = }", "x = ]", "x = [1, }]"])
    func aMissingValueIsRefusedFirst(_ line: String) throws {
        let e = try LoaderLineTests.error("scheme = \"merged\"\nthreads = []\n" + line + "\n[groups]\n7 = [\"a\"]\n")
        #expect(e.line == 3, "\(e)")
        #expect(e.message.hasPrefix("invalid TOML: "), "\(e)")
    }
}
