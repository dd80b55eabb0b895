import DMAOwnEngine
import DMAOwnScenario
import DMAOwnExplorer

/// Everything that reaches the TUI model: keys, resizes, and results of work done outside it
/// (bubbletea's messages). The reducer never performs I/O; it returns `Effect`s instead.
public enum Message: Sendable {
    case key(KeyEvent)
    case resize(Size)
    /// A file the user asked to load was read (or could not be).
    case traceLoaded(Result<Trace, FileError>)
    /// A save finished (or failed).
    case saved(path: String, error: FileError?)
    /// Background job `job` reported; the explorer's progress and results arrive this way.
    case background(job: Int, BackgroundReport)
    /// An export finished (or failed); unlike a save it does not make the session saved.
    case exported(path: String, error: FileError?)
    /// `W` wrote the scenario file (or could not).
    case scenarioWritten(path: String, error: FileError?)
    /// The theme was written to the preferences file at `path` (or could not be).
    case themeRemembered(theme: String, path: String, error: FileError?)
    /// The course's progress was written to `path` (or could not be).
    case progressSaved(path: String, error: FileError?)
}

/// A failure reading or writing a file, already worded for the status line.
public struct FileError: Error, Sendable, Equatable {
    public var message: String
    /// The file was not written because one is there already and replacing it was not asked for.
    public var exists: Bool
    public init(_ message: String, exists: Bool = false) { self.message = message; self.exists = exists }
}

/// Reports from background work: the explorer runs off the main thread and reports here.
public enum BackgroundReport: Sendable {
    case progress(ExplorationProgress)
    case finished(Exploration)
}

/// Side effects the reducer asks the shell (the ncurses layer) to perform.
public enum Effect: Sendable, Equatable {
    case quit
    case redraw
    case setMouse(Bool)
    /// Write the trace atomically; an existing file only with `overwrite`.
    case saveTrace(path: String, json: String, overwrite: Bool)
    case loadTrace(path: String)
    /// Write an export atomically; an existing file only with `overwrite`.
    case writeExport(path: String, text: String, overwrite: Bool)
    /// Write the scenario file atomically; an existing file only with `overwrite`.
    case writeScenario(path: String, text: String, overwrite: Bool)
    /// Start explorer job `job` (cancelling any other); its reports carry the same id.
    case startExplorer(job: Int)
    case cancelExplorer
    /// Switch the presenter to the theme of this name (the shell holds the loaded themes).
    case applyTheme(String)
    /// Write this theme into the preferences file, so the next start uses it.
    case rememberTheme(String)
    /// Write the course's progress file (atomically, creating its folder).
    case saveProgress(path: String, text: String)
    case bell
}
