import DMAOwnHelp
import Foundation

/// `dmaown help concepts|invariants|schemes|SCHEME|scenario-format`: prints the texts the TUI's
/// `?` overlay shows. argument-parser owns `dmaown help SUBCOMMAND`, so only topic names are taken
/// here, before it parses; `dmaown help check` still prints the check command's help.
enum HelpTopicCommand {
    /// The topic text when `arguments` (without the program name) ask for one.
    static func topic(in arguments: [String]) -> String? {
        guard arguments.count == 2, arguments[0] == "help" else { return nil }
        return HelpTopics.text(arguments[1])
    }

    /// Prints the topic and exits 0 when the command line asks for one; otherwise returns.
    static func runIfAsked() {
        guard let text = topic(in: Array(CommandLine.arguments.dropFirst())) else { return }
        HumanOutput.print(text, terminator: "")
        exit(0)
    }
}
