/// Where `dmaown install` puts each file under `DESTDIR/PREFIX`, the paths the shells, `man` and
/// packagers look in. `uninstall` removes exactly these, so the two cannot disagree.
struct InstallLayout {
    /// The prefix the files are for (`/usr/local` unless told otherwise).
    var prefix: String
    /// Staging root for packagers: files go to DESTDIR + PREFIX, as in `make install DESTDIR=...`.
    var destdir: String

    /// One installed file: where it goes below the prefix, and its mode.
    struct File {
        var relativePath: String
        var mode: Int
    }

    static let binary = File(relativePath: "bin/dmaown", mode: 0o755)
    static let manPage = File(relativePath: "share/man/man1/dmaown.1", mode: 0o644)
    static let bash = File(relativePath: "share/bash-completion/completions/dmaown", mode: 0o644)
    static let zsh = File(relativePath: "share/zsh/site-functions/_dmaown", mode: 0o644)
    static let fish = File(relativePath: "share/fish/vendor_completions.d/dmaown.fish", mode: 0o644)
    static let files = [binary, manPage, bash, zsh, fish]

    /// The real path of `file` once installed: DESTDIR, then PREFIX, then the file's place.
    func path(_ file: File) -> String {
        let root = destdir.isEmpty ? prefix : destdir + (prefix.hasPrefix("/") ? "" : "/") + prefix
        return (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/" + file.relativePath
    }
}
