import DMAOwnScenario
import DMAOwnTUI
import Foundation

/// Writes the preferences file for `T`: its folder is created if needed, the file goes through the
/// one atomic writer (replacing only a regular file), and a file with TOML errors is left alone
/// rather than replaced by one line, so nothing a person wrote is lost.
enum PreferencesWriter {
    static func rememberTheme(_ theme: String, in path: String) -> FileError? {
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        if let existing, let problem = PreferencesFile.parse(existing, file: path).1.first, problem.message.hasPrefix("TOML syntax") {
            return FileError("\(problem) (fix the file first)")
        }
        let dir = (path as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            return FileError("cannot create \(dir)")
        }
        do { try AtomicFile.write(PreferencesFile.settingTheme(theme, in: existing), to: path, replace: true) } catch {
            return FileError(error.description)
        }
        return nil
    }
}
