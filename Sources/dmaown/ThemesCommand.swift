import ArgumentParser

/// `dmaown themes`: List the colour themes found.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "List the colour themes found.")

    func run() throws {
        throw ValidationError("'themes' is not implemented yet")
    }
}
