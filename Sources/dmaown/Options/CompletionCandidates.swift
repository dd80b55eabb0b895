import ArgumentParser
import DMAOwnScenario
import DMAOwnTUI
import Foundation

/// What the shells offer for the arguments whose values are only known at run time. The shell
/// calls `dmaown` back to ask (swift-argument-parser's custom completion), so user themes and
/// scenario files in the current folder are offered as they are now, not as they were at install.
enum CompletionCandidates {
    /// A scenario argument: the built-in scenarios' names, then `.toml` files and folders (to
    /// descend into) matching what has been typed so far.
    static let scenario = CompletionKind.custom { _, _, prefix in scenarios(prefix: prefix) }

    /// `--theme`: every theme name found (user themes and the built-in ones), and `.toml` paths.
    static let theme = CompletionKind.custom { _, _, prefix in
        let names = ThemeLibrary(environment: ProcessInfo.processInfo.environment).names().filter { $0.hasPrefix(prefix) }
        return names + (prefix.isEmpty ? [] : tomlPaths(prefix: prefix))
    }

    static func scenarios(prefix: String) -> [String] {
        BuiltinScenarios.all.map(\.name).filter { $0.hasPrefix(prefix) } + tomlPaths(prefix: prefix)
    }

    /// Files ending in `.toml` and folders whose path starts with `prefix`, written as typed
    /// (relative stays relative), folders with a trailing slash.
    static func tomlPaths(prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let typedDir = slash.map { String(prefix[...$0]) } ?? ""
        let dir = typedDir.isEmpty ? "." : typedDir
        let stem = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.sorted().compactMap { name in
            guard name.hasPrefix(stem), !name.hasPrefix(".") || stem.hasPrefix(".") else { return nil }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir) else { return nil }
            if isDir.boolValue { return typedDir + name + "/" }
            return name.hasSuffix(".toml") ? typedDir + name : nil
        }
    }
}
