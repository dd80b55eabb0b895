import ArgumentParser
import Foundation

/// The completion scripts `install` writes: swift-argument-parser's, with one addition for bash.
enum CompletionScripts {
    static var bash: String { bashWithDefaultSubcommand(DMAOwn.completionScript(for: .bash)) }
    static var zsh: String { DMAOwn.completionScript(for: .zsh) }
    static var fish: String { DMAOwn.completionScript(for: .fish) }

    /// The generated bash script completes only subcommand names at the top level, but `dmaown`
    /// with no subcommand is the TUI, and `dmaown --theme <TAB>` or `dmaown s5<TAB>` is how people
    /// start it. So where the script offers subcommand names, the TUI's arguments are offered too.
    /// (If a future swift-argument-parser writes that branch differently, the script is left as it
    /// is and InstallTests, which completes `dmaown --theme`, fails.)
    static func bashWithDefaultSubcommand(_ script: String) -> String {
        let pattern = #"    \*\)\n        # Offer subcommand completions\n        COMPREPLY\+=\(\$\(compgen -W '[^']*' -- "\$\{cur\}"\)\)\n"#
        guard let range = script.range(of: pattern, options: .regularExpression) else { return script }
        let addition = """
                    # dmaown's default subcommand is the TUI: its arguments complete here too.
                    unparsed_words=("${subcommand}" "${unparsed_words[@]}")
                    _dmaown_tui

            """
        return String(script[..<range.upperBound]) + addition + String(script[range.upperBound...])
    }
}
