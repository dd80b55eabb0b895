import ArgumentParser
import DMAOwnEngine
import DMAOwnScenario
import Foundation

/// `dmaown scenarios`: List or show the built-in scenarios.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios", abstract: "List or show the built-in scenarios.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    /// `dmaown scenarios [list]`: names and titles, one a line.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the built-in scenarios' names and titles.")

        func run() throws {
            print(BuiltinScenarios.listing(), terminator: "")
        }
    }

    /// `dmaown scenarios show NAME`: the TOML, a starting point to edit and load with `dmaown FILE`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a built-in scenario's TOML.")

        @Argument(help: "A name from 'dmaown scenarios'.")
        var name: String

        func run() throws {
            guard let text = BuiltinScenarios.named(name) else {
                // An unknown name is unusable input: exit status 2, as for any bad input.
                FileHandle.standardError.write(Data("dmaown: no built-in scenario named \(DisplayText.quote(name)) (list them with 'dmaown scenarios')\n".utf8))
                throw ExitCode(2)
            }
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}
