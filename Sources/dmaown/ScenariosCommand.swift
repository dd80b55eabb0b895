import ArgumentParser

/// `dmaown scenarios`: List or show the built-in scenarios.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List or show the built-in scenarios.")

    func run() throws {
        throw ValidationError("'scenarios' is not implemented yet")
    }
}
