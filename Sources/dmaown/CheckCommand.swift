import ArgumentParser

/// `dmaown check`: Explore every interleaving of a scenario and report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Explore every interleaving of a scenario and report.")

    func run() throws {
        throw ValidationError("'check' is not implemented yet")
    }
}
