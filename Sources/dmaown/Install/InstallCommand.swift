import ArgumentParser
import Foundation

/// `dmaown install`: the binary copies itself, its man page and its shell completions under a
/// prefix, so installing needs only `swift build -c release` and the binary it built.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Install this binary, the dmaown(1) man page and bash, zsh and fish completions.",
        discussion: """
            Writes PREFIX/bin/dmaown, PREFIX/share/man/man1/dmaown.1, \
            PREFIX/share/bash-completion/completions/dmaown, PREFIX/share/zsh/site-functions/_dmaown \
            and PREFIX/share/fish/vendor_completions.d/dmaown.fish, each to a temporary name and \
            renamed, under DESTDIR when given (for packagers). PREFIX and DESTDIR may also come from \
            the environment, as with make. Themes and scenarios are built into the binary.
            """)

    @OptionGroup var location: InstallLocation

    func run() throws {
        let layout = location.layout
        let binary = try Self.ownExecutable()
        let texts: [(InstallLayout.File, String)] = [
            (InstallLayout.manPage, ManualPage.text),
            (InstallLayout.bash, CompletionScripts.bash),
            (InstallLayout.zsh, CompletionScripts.zsh),
            (InstallLayout.fish, CompletionScripts.fish),
        ]
        do {
            try InstalledFile.write(Array(binary), to: layout.path(InstallLayout.binary), mode: InstallLayout.binary.mode)
            print(layout.path(InstallLayout.binary))
            for (file, text) in texts {
                try InstalledFile.write(Array(text.utf8), to: layout.path(file), mode: file.mode)
                print(layout.path(file))
            }
        } catch {
            throw InputError("install", error.description)
        }
    }

    /// This very binary's bytes (through /proc/self/exe, so a symlink or PATH lookup does not matter).
    static func ownExecutable() throws -> Data {
        guard let data = FileManager.default.contents(atPath: "/proc/self/exe") else {
            throw InputError("install", "cannot read this executable through /proc/self/exe")
        }
        return data
    }
}

/// `dmaown uninstall`: removes what `install` wrote for the same PREFIX and DESTDIR, and nothing else.
struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall", abstract: "Remove the files 'dmaown install' wrote under the same PREFIX and DESTDIR.",
        discussion: "Folders are left in place (other programs share them); your preferences and themes in ~/.config/dmaown are kept.")

    @OptionGroup var location: InstallLocation

    func run() throws {
        let layout = location.layout
        for file in InstallLayout.files {
            let path = layout.path(file)
            guard (try? FileManager.default.attributesOfItem(atPath: path)) != nil else { continue }
            do { try FileManager.default.removeItem(atPath: path) } catch {
                throw InputError("uninstall", "\(path): cannot be removed (\(error.localizedDescription))")
            }
            print("removed \(path)")
        }
    }
}

/// `--prefix` and `--destdir`, shared by install and uninstall so they always agree.
struct InstallLocation: ParsableArguments {
    @Option(help: ArgumentHelp("Where the files are for (default: $PREFIX, else /usr/local).", valueName: "DIR"), completion: .directory)
    var prefix: String?

    @Option(help: ArgumentHelp("Staging root prepended to every path (default: $DESTDIR, else none).", valueName: "DIR"), completion: .directory)
    var destdir: String?

    var layout: InstallLayout {
        let environment = ProcessInfo.processInfo.environment
        let prefix = self.prefix ?? environment["PREFIX"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local"
        return InstallLayout(prefix: prefix, destdir: destdir ?? environment["DESTDIR"] ?? "")
    }
}
