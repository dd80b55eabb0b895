import DMAOwnEngine
import DMAOwnScenario
import Foundation
import TOMLKit

/// Reads and updates the preferences file. Reading never fails: a missing file is no preferences,
/// and anything wrong in it is a warning naming the file, line and value, with that value left out.
public enum PreferencesFile {
    /// `$XDG_CONFIG_HOME/dmaown/config.toml` (an absolute XDG_CONFIG_HOME, as the XDG spec says),
    /// else `~/.config/dmaown/config.toml`; nil with neither, so nothing is read or written.
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/dmaown/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/dmaown/config.toml" }
        return nil
    }

    /// The preferences in the file at `path`; no file, no preferences and no warning.
    public static func read(path: String) -> (Preferences, [PreferencesWarning]) {
        guard FileManager.default.fileExists(atPath: path) else { return (Preferences(), []) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (Preferences(), [PreferencesWarning(file: path, line: nil, message: "cannot read the preferences file; using none")])
        }
        return parse(text, file: path)
    }

    /// The line of a top-level `key` in the file at `path`, for warnings about its value.
    public static func line(of key: String, inFileAt path: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return TOMLKeyLocator(String(decoding: data, as: UTF8.self)).line(of: [key])
    }

    /// The preferences in `text`; `file` names it in warnings.
    public static func parse(_ text: String, file: String) -> (Preferences, [PreferencesWarning]) {
        let document: TOMLDocument
        switch TOMLDocument.parse(text) {
        case .success(let d): document = d
        case .failure(let p):
            // "TOML syntax" for a NUL too: the writer keeps such a file rather than rewrite what it cannot read.
            return (Preferences(), [PreferencesWarning(file: file, line: p.line, message: "TOML syntax: \(p.reason); preferences ignored")])
        }
        let table = document.table
        var warnings: [PreferencesWarning] = []
        func warn(_ key: String, _ message: String) {
            warnings.append(PreferencesWarning(file: file, line: document.index.knownLine(of: [key]), message: message))
        }
        var preferences = Preferences()
        for key in table.keys.sorted() {
            let value = table[key]!
            switch key {
            case "theme":
                if let name = value.string, !name.isEmpty { preferences.theme = name } else { warn(key, "theme must be a theme name or path in quotes, not \(shown(value)); ignored") }
            case "scheme":
                if let name = value.string, let id = SchemeID(rawValue: name) {
                    preferences.scheme = id
                } else {
                    let valid = SchemeID.allCases.map(\.rawValue).joined(separator: ", ")
                    warn(key, "unknown scheme \(shown(value)) (expected one of: \(valid)); ignored")
                }
            case "mouse":
                if let on = value.bool { preferences.mouse = on } else { warn(key, "mouse must be true or false, not \(shown(value)); ignored") }
            default:
                warn(key, "unknown key '\(key)' (known: theme, scheme, mouse); ignored")
            }
        }
        return (preferences, warnings.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
    }

    /// `text` (the file as it is, or nil when there is none) with its top-level `theme` set to
    /// `theme`: the line is replaced in place, or added before the first table, so the person's
    /// other lines and comments stay as they wrote them.
    public static func settingTheme(_ theme: String, in text: String?) -> String {
        let line = "theme = \(ScenarioWriter.quote(theme))"
        guard let text, !text.isEmpty else { return "# dmaown preferences: theme, scheme, mouse (see 'man dmaown')\n\(line)\n" }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstTable = lines.firstIndex { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("[") } ?? lines.count
        if let i = lines[..<firstTable].firstIndex(where: isThemeKey) {
            lines[i] = line
        } else {
            lines.insert(line, at: firstTable)
        }
        let joined = lines.joined(separator: "\n")
        return joined.hasSuffix("\n") ? joined : joined + "\n"
    }

    /// A top-level `theme = ...` line (bare or quoted key).
    private static func isThemeKey(_ line: String) -> Bool {
        let t = line.drop { $0 == " " || $0 == "\t" }
        for key in ["theme", "\"theme\"", "'theme'"] where t.hasPrefix(key) {
            if t.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).first == "=" { return true }
        }
        return false
    }

    /// A value as the file wrote it, on one short line, through the one output sanitiser.
    private static func shown(_ value: TOMLValueConvertible) -> String {
        let text = DisplayText.line(value.debugDescription)
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }
}
