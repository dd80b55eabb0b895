// swift-tools-version:6.0
// dmaown: IOMMU group DMA ownership, made visible.
import PackageDescription

let package = Package(
    name: "dmaown",
    products: [
        .executable(name: "dmaown", targets: ["dmaown"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The pure ownership engine: world, kernel step programs, schemes, invariants.
        .target(
            name: "DMAOwnEngine",
            dependencies: [.product(name: "Collections", package: "swift-collections")]
        ),
        // Scenario files (TOML), the operation grammar, traces and the built-in library.
        .target(
            name: "DMAOwnScenario",
            dependencies: ["DMAOwnEngine", "TOMLKit"],
            // The built-in scenarios and the course's lessons are TOML files, embedded so the binary
            // needs no source tree.
            resources: [.embedInCode("Scenarios"), .embedInCode("Lessons")]
        ),
        // The texts that define dmaown's words (concepts, invariants, schemes, scenario format):
        // Markdown files embedded so `dmaown help TOPIC` and the TUI's help need no source tree.
        .target(
            name: "DMAOwnHelp",
            dependencies: ["DMAOwnEngine"],
            resources: [.embedInCode("Topics")]
        ),
        // Exhaustive and random exploration of a scenario's interleavings.
        .target(
            name: "DMAOwnExplorer",
            dependencies: ["DMAOwnEngine", "DMAOwnScenario", .product(name: "Collections", package: "swift-collections")]
        ),
        // The pure TUI model: state, reducer, layout, rendering into a cell buffer, themes.
        .target(
            name: "DMAOwnTUI",
            dependencies: ["DMAOwnEngine", "DMAOwnScenario", "DMAOwnExplorer", "DMAOwnHelp", "TOMLKit"],
            // The shipped themes: ShippedThemes is a symlink to the package's top-level themes/,
            // which stays the one place to add a theme; embedded so the binary needs no source tree.
            resources: [.embedInCode("ShippedThemes")]
        ),
        // The system ncursesw library, with shims for macros Swift cannot import.
        .systemLibrary(
            name: "CNCurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The thin ncurses presenter and the terminal's event loop.
        .target(
            name: "DMAOwnTerminal",
            dependencies: ["CNCurses", "DMAOwnTUI"]
        ),
        // Measuring, for `dmaown bench` and the tests: the render benchmark and the posix_spawn
        // runner that drives tmux. Kept out of the TUI and terminal modules, which never need them;
        // the executable links it because `bench` times the real binary's first frame in tmux.
        .target(
            name: "DMAOwnBench",
            dependencies: ["DMAOwnEngine", "DMAOwnScenario", "DMAOwnTUI"]
        ),
        .executableTarget(
            name: "dmaown",
            dependencies: [
                "DMAOwnEngine", "DMAOwnScenario", "DMAOwnExplorer", "DMAOwnHelp", "DMAOwnTUI", "DMAOwnTerminal", "DMAOwnBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // dmaown(1): the generated page and the hand-written part, embedded so `dmaown install`
            // needs no source tree.
            resources: [.embedInCode("Manual")],
            plugins: ["GitCommitPlugin"]
        ),
        // Records the git commit being built, for `dmaown --version`.
        .plugin(name: "GitCommitPlugin", capability: .buildTool(), path: "Sources/GitCommitPlugin"),
        // What several test targets share: Scratch (a temporary folder removed when the test ends),
        // SplitMix64, and operations and runs on hand-built topologies. Not a product; no ncurses.
        .target(name: "DMAOwnTestSupport", dependencies: ["DMAOwnEngine"], path: "Tests/DMAOwnTestSupport"),
        .testTarget(name: "DMAOwnEngineTests", dependencies: ["DMAOwnEngine", "DMAOwnScenario", "DMAOwnTestSupport"]),
        // The golden files are read by path (`ExportFixture`), not bundled: excluded, so SwiftPM does
        // not warn about unhandled files on every build, `swift run dmaown` included.
        .testTarget(name: "DMAOwnScenarioTests", dependencies: ["DMAOwnEngine", "DMAOwnScenario", "DMAOwnExplorer", "DMAOwnTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "DMAOwnExplorerTests", dependencies: ["DMAOwnEngine", "DMAOwnScenario", "DMAOwnExplorer", "DMAOwnTestSupport"]),
        .testTarget(name: "DMAOwnTUITests", dependencies: ["DMAOwnEngine", "DMAOwnScenario", "DMAOwnTUI", "DMAOwnBench", "DMAOwnTestSupport"]),
        .testTarget(name: "DMAOwnHelpTests", dependencies: ["DMAOwnEngine", "DMAOwnHelp"]),
        .testTarget(name: "DMAOwnTerminalTests", dependencies: ["DMAOwnTerminal", "DMAOwnTUI", "DMAOwnScenario", "CNCurses", "DMAOwnTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["dmaown", "DMAOwnEngine", "DMAOwnScenario", "DMAOwnTerminal", "DMAOwnBench", "DMAOwnTestSupport"]),
    ]
)
