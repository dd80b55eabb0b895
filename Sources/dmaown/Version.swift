/// What `dmaown --version` prints: the package version, and the commit when the build knew it, so
/// a bug report names the exact code (the commit comes from GitCommitPlugin at build time).
enum Version {
    /// The package version; raised with each release.
    static let package = "0.1.0"

    static var text: String { builtFromCommit.map { "\(package) (git \($0))" } ?? package }
}
