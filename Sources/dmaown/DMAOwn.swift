import ArgumentParser

/// The `dmaown` command: the TUI by default, and the headless tools as subcommands.
@main
struct DMAOwn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmaown",
        abstract: "Make IOMMU group DMA ownership visible: race binds, unbinds and claims step by step.",
        subcommands: [
            TUICommand.self, CheckCommand.self, ReplayCommand.self, BenchCommand.self,
            ScenariosCommand.self, ThemesCommand.self, ImportSysfsCommand.self, ExportCommand.self,
        ],
        defaultSubcommand: TUICommand.self)
}
