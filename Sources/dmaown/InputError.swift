import ArgumentParser
import DMAOwnEngine
import Foundation

/// Input that cannot be used (bad file, bad option value): printed as one line on stderr, exit 2.
struct InputError: Error, CustomStringConvertible {
    var description: String

    /// Prints `dmaown COMMAND: message` on stderr and exits with status 2.
    static func exit(_ command: String, _ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("dmaown \(command): \(DisplayText.line(message))\n".utf8))
        return ExitCode(2)
    }
}

/// Option values parsed by hand, so a bad value exits 2 with a message naming it.
enum OptionValue {
    static func count(_ text: String?, _ name: String) throws(InputError) -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), n > 0 else { throw InputError(description: "--\(name) takes a positive integer, not '\(text)'") }
        return n
    }

    static func seed(_ text: String?) throws(InputError) -> UInt64 {
        guard let text else { return 1 }
        guard let n = UInt64(text) else { throw InputError(description: "--seed takes a non-negative integer, not '\(text)'") }
        return n
    }
}
