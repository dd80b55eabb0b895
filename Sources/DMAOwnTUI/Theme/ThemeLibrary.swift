import Foundation
import DMAOwnScenario

/// Finds theme files: `--theme`, then DMAOWN_THEME, then the user's config folder, then the package's `themes/`.
public struct ThemeLibrary: Sendable {
    /// Folders searched for `NAME.toml`, earliest first, each with the lookup step it stands for.
    public let directories: [(path: String, origin: String)]
    /// DMAOWN_THEME, when set and non-empty: the theme used when `--theme` is not given.
    public let environmentTheme: String?

    /// A library for this environment; `executablePath` locates the package's or the installation's `themes/`.
    public init(environment: [String: String], executablePath: String) {
        self.init(environment: environment, executablePath: executablePath, sourceFile: #filePath)
    }

    /// As `init(environment:executablePath:)`, with the source file that stands for the source tree (for tests).
    init(environment: [String: String], executablePath: String, sourceFile: String) {
        environmentTheme = environment["DMAOWN_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        var dirs: [(String, String)] = []
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            dirs.append((xdg + "/dmaown/themes", "user config ($XDG_CONFIG_HOME/dmaown/themes)"))
        } else if let home = environment["HOME"], !home.isEmpty {
            dirs.append((home + "/.config/dmaown/themes", "user config (~/.config/dmaown/themes)"))
        }
        let bins = [executablePath, Self.resolvingSymlinks(executablePath)].map(Self.parent)
        // .build/<triple>/debug/dmaown, or .build/debug/dmaown when the symlink is not resolved.
        for bin in bins {
            for up in ["/../../..", "/../.."] { dirs.append((bin + up + "/themes", "package (next to the executable)")) }
        }
        for bin in bins { dirs.append((bin + "/../share/dmaown/themes", "installed (PREFIX/share/dmaown/themes)")) }
        // Sources/DMAOwnTUI/Theme/ThemeLibrary.swift → the package root.
        dirs.append((Self.parent(sourceFile) + "/../../../themes", "source tree (where dmaown was built)"))
        var seen: Set<String> = []
        directories = dirs.compactMap { path, origin in
            let real = Self.resolvingSymlinks(path)
            guard FileManager.default.fileExists(atPath: real), seen.insert(real).inserted else { return nil }
            // A package folder must hold the default theme: stray `themes/` folders elsewhere are not ours.
            if !origin.hasPrefix("user"), !FileManager.default.fileExists(atPath: real + "/default.toml") { return nil }
            return (real, origin)
        }
    }

    /// Every theme file found, in lookup order; an entry shadows later ones of the same name.
    public func entries() -> [ThemeEntry] {
        var result: [ThemeEntry] = []
        if let env = environmentTheme, Self.isPath(env) {
            result.append(ThemeEntry(name: ThemeLoader.name(fromPath: env), path: env, origin: "DMAOWN_THEME"))
        }
        for (dir, origin) in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for file in files.sorted() where file.hasSuffix(".toml") {
                result.append(ThemeEntry(name: ThemeLoader.name(fromPath: file), path: dir + "/" + file, origin: origin))
            }
        }
        return result
    }

    /// Theme names for cycling with `t`: each once, `default` first, then in lookup order.
    public func names() -> [String] {
        var seen: Set<String> = []
        let all = ["default"] + entries().map(\.name)
        return all.filter { seen.insert($0).inserted }
    }

    /// The themes `t` cycles through and where the cycle starts: at the theme loaded (`selected`,
    /// from `explicit` or DMAOWN_THEME). A `--theme` path joins the cycle at its front, so `t` can
    /// come back to it; DMAOWN_THEME's file is already among `names()`.
    public func cycle(explicit: String?, selected: Theme, warnings: [ThemeWarning]) -> (names: [String], index: Int) {
        var names = self.names()
        let found = !warnings.contains { $0.kind == .notFound }
        if let explicit, Self.isPath(explicit), found { names.insert(explicit, at: 0) }
        guard found, let chosen = explicit ?? environmentTheme else { return (names, names.firstIndex(of: "default") ?? 0) }
        return (names, names.firstIndex(of: chosen) ?? names.firstIndex(of: selected.name) ?? 0)
    }

    /// The theme `nameOrPath` names (nil: DMAOWN_THEME, else `default`), with every warning met on the way.
    public func load(_ nameOrPath: String?) -> (Theme, [ThemeWarning]) {
        let wanted = nameOrPath ?? environmentTheme ?? "default"
        var warnings: [ThemeWarning] = []
        if let theme = resolve(wanted, chain: [], warnings: &warnings) { return (theme, warnings) }
        // A file that exists but cannot be read has its own warning; "not found" would mislead.
        if path(for: wanted) != nil {
            return (resolve("default", chain: [], warnings: &warnings) ?? .builtIn, warnings)
        }
        let searched = directories.map(\.path).joined(separator: ", ")
        warnings.append(ThemeWarning(kind: .notFound, file: wanted, line: nil, key: nil,
                                     message: "theme not found (looked in \(searched.isEmpty ? "no folder" : searched)); using 'default'"))
        if wanted != "default", let fallback = resolve("default", chain: [], warnings: &warnings) { return (fallback, warnings) }
        return (.builtIn, warnings)
    }

    /// The file for a name (first in lookup order) or a path.
    func path(for nameOrPath: String) -> String? {
        if Self.isPath(nameOrPath) { return FileManager.default.fileExists(atPath: nameOrPath) ? nameOrPath : nil }
        if nameOrPath == environmentTheme.map(ThemeLoader.name(fromPath:)), let env = environmentTheme, Self.isPath(env) { return env }
        return directories.lazy.map { $0.path + "/" + nameOrPath + ".toml" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Loads `nameOrPath` over its parent; `chain` holds the names being loaded, to catch inheritance cycles.
    private func resolve(_ nameOrPath: String, chain: [String], warnings: inout [ThemeWarning]) -> Theme? {
        guard let file = path(for: nameOrPath) else { return nil }
        // Read as scenarios are: a regular file of UTF-8 without NUL (toml++ stops at a NUL silently).
        var text = ""
        var problem: (line: Int?, reason: String)?
        switch FileRead.bytes(file, limit: 1 << 20) {
        case .failure(let e): problem = (nil, e.reason)
        case .success(let bytes):
            switch InputText.decode(bytes) {
            case .success(let t): text = t
            case .failure(let p): problem = (p.line, p.description)
            }
        }
        if let problem {
            warnings.append(ThemeWarning(kind: .unreadable, file: file, line: problem.line, key: nil,
                                         message: "cannot read the file (\(problem.reason)); using 'default'"))
            return nil
        }
        let name = ThemeLoader.name(fromPath: file)
        let chain = chain + [name]
        let declared = ThemeLoader.inherits(text)
        let parentName = declared?.name ?? (name == "default" ? nil : "default")
        var parent: Theme?
        if let parentName {
            if chain.contains(parentName) {
                warnings.append(ThemeWarning(kind: .inheritanceCycle, file: file, line: declared?.line, key: "inherits",
                                             message: "inheritance cycle \((chain + [parentName]).joined(separator: " → ")); 'inherits' ignored"))
                parent = chain.contains("default") ? nil : resolve("default", chain: chain, warnings: &warnings)
            } else if let p = resolve(parentName, chain: chain, warnings: &warnings) {
                parent = p
            } else {
                warnings.append(ThemeWarning(kind: .unknownParent, file: file, line: declared?.line, key: "inherits",
                                             message: "unknown parent theme '\(parentName)'; inheriting from 'default'"))
                parent = parentName == "default" || chain.contains("default") ? nil : resolve("default", chain: chain, warnings: &warnings)
            }
        }
        let (theme, found) = ThemeLoader.parse(text, origin: file, parent: parent)
        warnings += found
        return theme
    }

    /// Names have no slash and no `.toml`; anything else is a path.
    public static func isPath(_ s: String) -> Bool { s.contains("/") || s.hasSuffix(".toml") }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func resolvingSymlinks(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
