import ArgumentParser

/// `dmaown replay`: Re-run a saved trace headlessly.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Re-run a saved trace headlessly.")

    func run() throws {
        throw ValidationError("'replay' is not implemented yet")
    }
}
