import Foundation
import PackagePlugin

/// Writes the git commit the package is built from into the `dmaown` executable, for `--version`.
///
/// A prebuild command, so it runs on every build and notices new commits; the generated file is
/// only replaced when the commit changes, so an unchanged tree recompiles nothing. Outside a git
/// checkout (a release tarball) the commit is nil and `--version` prints the package version alone.
@main
struct GitCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GitCommit")
        let script = """
            mkdir -p "$2"
            c=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || c=
            if [ -n "$c" ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then c="$c-dirty"; fi
            if [ -n "$c" ]; then v="\\"$c\\""; else v=nil; fi
            printf '/// The git commit this binary was built from (GitCommitPlugin), nil outside a checkout.\\nlet builtFromCommit: String? = %s\\n' "$v" > "$2/GitCommit.swift.new"
            if cmp -s "$2/GitCommit.swift.new" "$2/GitCommit.swift"; then rm -f "$2/GitCommit.swift.new"; else mv "$2/GitCommit.swift.new" "$2/GitCommit.swift"; fi
            """
        return [.prebuildCommand(
            displayName: "Recording the git commit for --version",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
            outputFilesDirectory: output)]
    }
}
