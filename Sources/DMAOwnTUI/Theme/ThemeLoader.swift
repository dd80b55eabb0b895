import DMAOwnEngine
import DMAOwnScenario
import TOMLKit

/// Reads one theme file (TOML) over its parent; bad entries become warnings and keep the inherited style.
public enum ThemeLoader {
    /// The theme in `text`; what cannot be read is reported and taken from `parent` (or the built-in theme).
    public static func parse(_ text: String, origin: String, parent: Theme?) -> (Theme, [ThemeWarning]) {
        var reader = Reader(text: text, origin: origin, parent: parent ?? .builtIn)
        reader.read(requireEveryRole: parent == nil)
        return (reader.theme, reader.warnings.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
    }

    /// The parent a theme file names with `inherits`, and its line; nil when it names none or is not TOML.
    public static func inherits(_ text: String) -> (name: String, line: Int?)? {
        guard case .success(let document) = TOMLDocument.parse(text), let name = document.table["inherits"]?.string else { return nil }
        return (name, document.index.knownLine(of: ["inherits"]))
    }

    /// The theme name a path implies: its file name without `.toml`.
    public static func name(fromPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".toml") ? String(file.dropLast(5)) : file
    }
}

/// One pass over one file: accumulates the theme and its warnings.
private struct Reader {
    let text: String
    let origin: String
    let parent: Theme
    let locator: TOMLKeyLocator
    var theme: Theme
    var warnings: [ThemeWarning] = []
    /// Palette names whose value could not be read: already warned about, so their users stay quiet.
    var brokenPalette: Set<String> = []

    static let topKeys: Set<String> = ["name", "description", "inherits", "terminal", "palette", "roles", "fallback16"]

    init(text: String, origin: String, parent: Theme) {
        self.text = text; self.origin = origin; self.parent = parent
        locator = TOMLKeyLocator(text)
        theme = parent
        theme.name = ThemeLoader.name(fromPath: origin)
        theme.origin = origin
    }

    mutating func warn(_ kind: ThemeWarning.Kind, _ path: [String], _ message: String) {
        warnings.append(ThemeWarning(kind: kind, file: origin, line: locator.line(of: path),
                                     key: path.joined(separator: "."), message: message))
    }

    mutating func read(requireEveryRole: Bool) {
        let table: TOMLTable
        switch TOMLDocument.parse(text) {
        case .success(let document): table = document.table
        case .failure(let p):
            let reason = p.kind == .text ? p.reason : "TOML syntax: \(p.reason)"
            warnings.append(ThemeWarning(kind: .syntax, file: origin, line: p.line, key: nil, message: "\(reason); using '\(parent.name)'"))
            return
        }
        for key in table.keys where !Self.topKeys.contains(key) { warn(.unknownKey, [key], "unknown key '\(key)'") }
        // The file name is the name `--theme` and `t` use, so a different `name` would only mislead.
        if let name = string(table, "name"), name != theme.name {
            if origin.hasSuffix(".toml") {
                warn(.badValue, ["name"], "name '\(name)' differs from the file name; using '\(theme.name)'")
            } else {
                theme.name = name
            }
        }
        if let description = string(table, "description") { theme.description = description }
        _ = string(table, "inherits")
        readTerminal(table)
        readPalette(table)
        let ownRoles = readStyles(table, section: "roles", into: \.styles)
        for role in ownRoles { theme.fallback16[role] = nil }  // the parent's fallback was for the parent's colours
        _ = readStyles(table, section: "fallback16", into: \.fallback16)
        if requireEveryRole {
            for role in Role.allCases where !ownRoles.contains(role) {
                warn(.missingRole, ["roles"], "role '\(role.rawValue)' not defined; using the built-in style")
            }
        }
    }

    /// A string value at a top-level key, warning when it is something else.
    mutating func string(_ table: TOMLTable, _ key: String) -> String? {
        guard let value = table[key] else { return nil }
        guard let s = value.string else { warn(.badValue, [key], "'\(key)' must be a string"); return nil }
        return s
    }

    /// A sub-table, warning when the key holds something else.
    mutating func subtable(_ table: TOMLTable, _ path: [String]) -> TOMLTable? {
        guard let value = table[path.last!] else { return nil }
        guard let t = value.table else { warn(.badValue, path, "'\(path.joined(separator: "."))' must be a table"); return nil }
        return t
    }

    mutating func readTerminal(_ table: TOMLTable) {
        guard let terminal = subtable(table, ["terminal"]) else { return }
        for key in terminal.keys {
            let path = ["terminal", key]
            guard key == "fg" || key == "bg" else { warn(.unknownKey, path, "unknown key '\(key)' in [terminal] (fg, bg)"); continue }
            guard let color = color(terminal[key], path) else { continue }
            if key == "fg" { theme.terminalForeground = color } else { theme.terminalBackground = color }
        }
    }

    mutating func readPalette(_ table: TOMLTable) {
        guard let palette = subtable(table, ["palette"]) else { return }
        for key in palette.keys {
            let path = ["palette", key]
            if ColorName.literal(key) != nil {
                warn(.badValue, path, "palette name '\(key)' is reserved for the ANSI colour or the terminal's own; choose another")
                continue
            }
            guard let s = palette[key]?.string, let color = ColorName.literal(s) else {
                brokenPalette.insert(key)
                warn(.badColor, path, "bad colour \(Self.show(palette[key])) for palette '\(key)' (#RRGGBB or an ANSI name)")
                continue
            }
            theme.palette[key] = color
        }
    }

    /// Reads `[section]` (roles or fallback16) into the theme; returns the roles it set.
    mutating func readStyles(_ table: TOMLTable, section: String, into field: WritableKeyPath<Theme, [Role: CellStyle]>) -> Set<Role> {
        guard let entries = subtable(table, [section]) else { return [] }
        var set: Set<Role> = []
        for key in entries.keys {
            let path = [section, key]
            guard let role = Role(rawValue: key) else {
                let hint = Role.allCases.first { $0.rawValue.lowercased() == key.filter { $0 != "-" && $0 != "_" }.lowercased() }
                warn(.unknownRole, path, "unknown role '\(key)'" + (hint.map { "; did you mean '\($0.rawValue)'?" } ?? ""))
                continue
            }
            guard let entry = entries[key]?.table else {
                warn(.badValue, path, "role '\(key)' must be a table like { fg = \"...\", bg = \"...\", attrs = [...] }; inherited")
                continue
            }
            if let style = style(entry, path) {
                theme[keyPath: field][role] = style
                set.insert(role)
            }
        }
        return set
    }

    /// One role's style; nil (after warning) when any part is unreadable, so the role is inherited whole and stays readable.
    mutating func style(_ entry: TOMLTable, _ path: [String]) -> CellStyle? {
        var style = CellStyle()
        var ok = true
        let before = warnings.count
        for key in entry.keys {
            let keyPath = path + [key]
            switch key {
            case "fg", "bg":
                if let c = color(entry[key], keyPath) {
                    if key == "fg" { style.foreground = c } else { style.background = c }
                } else { ok = false }
            case "attrs":
                guard let list = entry[key]?.array else { warn(.badValue, keyPath, "'attrs' must be a list of bold, dim, reverse, underline"); ok = false; continue }
                for item in list {
                    switch item.string {
                    case "bold": style.attributes.insert(.bold)
                    case "dim": style.attributes.insert(.dim)
                    case "reverse": style.attributes.insert(.reverse)
                    case "underline": style.attributes.insert(.underline)
                    default: warn(.badValue, keyPath, "unknown attribute \(Self.show(item)) (bold, dim, reverse, underline)"); ok = false
                    }
                }
            default:
                warn(.unknownKey, keyPath, "unknown key '\(key)' in '\(path.joined(separator: "."))' (fg, bg, attrs)"); ok = false
            }
        }
        if !ok, warnings.count > before, let last = warnings.indices.last { warnings[last].message += "; '\(path.last!)' inherited" }
        return ok ? style : nil
    }

    /// A colour word: `#RRGGBB`, an ANSI name or `default` (reserved), else a palette name (this file's, then inherited).
    mutating func color(_ value: TOMLValueConvertible?, _ path: [String]) -> TerminalColor? {
        guard let s = value?.string else { warn(.badColor, path, "bad colour \(Self.show(value)) for '\(path.joined(separator: "."))'"); return nil }
        if s.hasPrefix("#") {
            if let c = ColorName.hex(s) { return c }
            warn(.badColor, path, "bad colour '\(s)' for '\(path.joined(separator: "."))' (#RRGGBB)")
            return nil
        }
        if let c = ColorName.literal(s) ?? theme.palette[s] { return c }
        if brokenPalette.contains(s) { return nil }
        warn(.unknownPaletteName, path, "unknown palette name '\(s)' for '\(path.joined(separator: "."))'")
        return nil
    }

    /// A TOML value as the user wrote it, for messages.
    static func show(_ value: TOMLValueConvertible?) -> String {
        guard let value else { return "(nothing)" }
        return value.string.map { "'\($0)'" } ?? value.debugDescription
    }
}
