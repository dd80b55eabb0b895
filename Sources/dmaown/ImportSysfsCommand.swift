import ArgumentParser
import DMAOwnScenario
import Foundation

/// `dmaown import-sysfs`: Write a scenario from a machine's IOMMU groups.
struct ImportSysfsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-sysfs", abstract: "Write a scenario from a machine's IOMMU groups.",
        discussion: """
            Reads ROOT/kernel/iommu_groups/*/devices/* and follows each link to the device's bound \
            driver and PCI class. The scenario's setup binds the drivers bound now, its scheme is \
            'merged', its owner 'qemu', and its threads are empty, with an example race on one of \
            this machine's groups in a comment above them.
            """)

    @Argument(help: "The sysfs root to read.")
    var root: String = "/sys"

    @Option(name: .customLong("managed"), help: ArgumentHelp(
        "Also treat driver NAME as driver_managed_dma (repeatable; '*' matches a prefix or suffix).", valueName: "NAME"))
    var managed: [String] = []

    @Option(name: .customLong("unmanaged"), help: ArgumentHelp(
        "Treat driver NAME as a DMA-API driver even if it is known as managed (repeatable).", valueName: "NAME"))
    var unmanaged: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the scenario to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Overwrite FILE if it exists.")
    var force = false

    func run() throws {
        let names = ManagedDrivers.known.union(managed).union(unmanaged.map { "!" + $0 })
        let scenario: Scenario
        do { scenario = try SysfsImporter.importTopology(root: root, managed: names) } catch {
            throw InputError.exit("import-sysfs", "\(error)")
        }
        try CommandOutput.emit(scenario.text, to: output, force: force, command: "import-sysfs", human: false)
    }
}
