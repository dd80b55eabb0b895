import ArgumentParser
import DMAOwnEngine
import Foundation

/// The `dmaown` command: the TUI by default, and the headless tools as subcommands.
@main
struct DMAOwn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmaown",
        abstract: "Make IOMMU group DMA ownership visible: race binds, unbinds and claims step by step.",
        discussion: "Words used on screen are defined by: dmaown help concepts | invariants | schemes | SCHEME | scenario-format",
        version: Version.text,
        subcommands: [
            TUICommand.self, LearnCommand.self, CheckCommand.self, CompareCommand.self, ReplayCommand.self, BenchCommand.self,
            ScenariosCommand.self, ThemesCommand.self, ImportSysfsCommand.self, ExportCommand.self,
            InstallCommand.self, UninstallCommand.self,
        ],
        defaultSubcommand: TUICommand.self)

    /// Runs the command. Input that cannot be used, whether the parser found it (its usage errors,
    /// status 64 by default) or a command did (`InputError`), is one line on stderr and status 2:
    /// scripts rely on it.
    static func main() async {
        HelpTopicCommand.runIfAsked()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            FileHandle.standardError.write(Data((error.line + "\n").utf8))
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                FileHandle.standardError.write(Data("dmaown: \(DisplayText.line(message)) (see 'dmaown help')\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
