import ArgumentParser

/// `dmaown export`: Export a scenario's counterexample or a trace for design reviews.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a scenario's counterexample or a trace for design reviews.")

    func run() throws {
        throw ValidationError("'export' is not implemented yet")
    }
}
