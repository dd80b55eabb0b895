import ArgumentParser

/// `dmaown tui`: Open the terminal UI on a scenario (the default).
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI on a scenario (the default).")

    func run() throws {
        throw ValidationError("'tui' is not implemented yet")
    }
}
