import ArgumentParser

/// `dmaown bench`: Run the explorer scale benchmarks (use a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Run the explorer scale benchmarks (use a release build).")

    func run() throws {
        throw ValidationError("'bench' is not implemented yet")
    }
}
