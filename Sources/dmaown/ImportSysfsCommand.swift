import ArgumentParser

/// `dmaown import-sysfs`: Write a scenario from a machine's IOMMU groups.
struct ImportSysfsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import-sysfs", abstract: "Write a scenario from a machine's IOMMU groups.")

    func run() throws {
        throw ValidationError("'import-sysfs' is not implemented yet")
    }
}
