import Foundation
import CNCurses
import Glibc
import DMAOwnTUI

/// How the terminal should look, decided by the command before the terminal is touched.
public struct TerminalLook: Sendable {
    /// The theme to start with.
    public var theme: Theme
    /// Loads the theme `.applyTheme` names (nil: not found).
    public var loadTheme: @Sendable (String) -> Theme?
    /// The environment, for colour-depth detection (COLORTERM, NO_COLOR).
    public var environment: [String: String]
    /// `--theme` was given, which overrides NO_COLOR.
    public var explicitTheme: Bool
    public var glyphs: Glyphs
    /// The preferences file `T` writes the theme into (nil: no HOME or XDG_CONFIG_HOME, so none).
    public var preferencesPath: String?

    public init(theme: Theme, loadTheme: @escaping @Sendable (String) -> Theme?, environment: [String: String],
                explicitTheme: Bool, glyphs: Glyphs, preferencesPath: String? = nil) {
        self.theme = theme; self.loadTheme = loadTheme; self.environment = environment
        self.explicitTheme = explicitTheme; self.glyphs = glyphs; self.preferencesPath = preferencesPath
    }
}

/// The event loop: sleeps in `poll` on stdin and the wake pipe, feeds the reducer, performs its
/// effects and presents each new frame. Never polls on a timer, so idle costs 0 % CPU.
public final class TerminalRunner {
    private var state: AppState
    private let look: TerminalLook
    private let explorer: (AppState) -> ExplorerWork?
    private let wake = WakePipe()
    private lazy var jobs = BackgroundJobs(pipe: wake)
    private var session: TerminalSession!
    private var presenter: Presenter!
    private var size = Size(width: 0, height: 0)
    private var dirty = true
    private var quitting = false
    private var framesPresented = 0

    /// `explorer` turns the state into the search `.startExplorer` runs (nil: none available).
    public init(state: AppState, look: TerminalLook, explorer: @escaping (AppState) -> ExplorerWork?) {
        self.state = state
        self.look = look
        self.explorer = explorer
    }

    /// Takes the terminal, runs until `q`, and restores the terminal; a fatal signal never returns.
    public func run() throws(TerminalOpenError) {
        session = try TerminalSession(wake: wake)
        let depth = ColorDepth.detect(environment: look.environment, terminfoColors: has_colors() ? Int(dmaown_colors()) : 0,
                                      directColor: dmaown_direct_color() != 0, explicitTheme: look.explicitTheme)
        presenter = Presenter(theme: look.theme, depth: depth)
        size = session.size
        // The preferences file may start the UI with the mouse on.
        if state.wantsMouse { session.setMouse(true) }
        send(.resize(size))
        frame()
        while !quitting {
            waitForInput()
            drainPipe()
            drainKeys()
            frame()
        }
        session.restore()
    }

    // MARK: the loop

    private func frame() {
        guard dirty, !quitting else { return }
        dirty = false
        // Below App.minimumSize the model itself draws the "need W×H" screen.
        presenter.present(App.render(state, size: size, glyphs: look.glyphs))
        framesPresented += 1
        if framesPresented == 1, getenv("DMAOWN_TEST_TRAP_AFTER_FIRST_FRAME") != nil {
            // A hidden hook so the tests can prove a Swift runtime trap still restores the terminal.
            fatalError("DMAOWN_TEST_TRAP_AFTER_FIRST_FRAME is set")
        }
    }

    /// Blocks until stdin or the wake pipe is readable; signals also wake it (EINTR).
    private func waitForInput() {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0)]
        let n = poll(&fds, 2, -1)
        if n > 0, fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0, fds[0].revents & Int16(POLLIN) == 0 {
            // The terminal went away without a SIGHUP reaching us.
            session.die(of: SIGHUP)
        }
    }

    private func drainPipe() {
        for byte in wake.drain() {
            if byte == WakePipe.background {
                for (job, report) in jobs.drain() { send(.background(job: job, report)) }
                continue
            }
            switch Int32(byte) {
            case SIGINT, SIGQUIT, SIGTERM, SIGHUP: session.die(of: Int32(byte))
            case SIGTSTP:
                session.suspend()
                repaintAll()
            case SIGCONT:
                session.resume()
                repaintAll()
            case SIGWINCH:
                if session.refreshSize() { resized() }
            default: break
            }
        }
    }

    private func drainKeys() {
        while !quitting, let input = KeyDecoder.next() {
            switch input {
            case .key(let k): send(.key(k))
            case .resize: resized()
            case .ignored: break
            }
        }
    }

    private func resized() {
        let now = session.size
        guard now != size else { return }
        size = now
        presenter.invalidate()
        send(.resize(size))
        dirty = true
    }

    private func repaintAll() {
        presenter.invalidate()
        dirty = true
    }

    // MARK: messages and effects

    /// Feeds `message` to the reducer and performs the effects, which may answer with messages.
    private func send(_ message: Message) {
        var pending = [message]
        while !pending.isEmpty, !quitting {
            let m = pending.removeFirst()
            dirty = true
            for effect in App.update(&state, m) {
                if let answer = perform(effect) { pending.append(answer) }
            }
        }
    }

    private func perform(_ effect: Effect) -> Message? {
        switch effect {
        case .quit:
            quitting = true
        case .redraw:
            session.forceRepaint()
            repaintAll()
        case .setMouse(let on):
            session.setMouse(on)
        case .saveTrace(let path, let json, let overwrite):
            return .saved(path: path, error: TraceFiles.write(json, to: path, overwrite: overwrite))
        case .loadTrace(let path):
            return .traceLoaded(TraceFiles.load(path))
        case .writeExport(let path, let text, let overwrite):
            return .exported(path: path, error: TraceFiles.write(text, to: path, overwrite: overwrite))
        case .writeScenario(let path, let text, let overwrite):
            return .scenarioWritten(path: path, error: TraceFiles.write(text, to: path, overwrite: overwrite))
        case .startExplorer(let job):
            guard let work = explorer(state) else { session.bell(); return nil }
            jobs.start(job: job, work)
        case .cancelExplorer:
            jobs.cancel()
        case .applyTheme(let name):
            guard let theme = look.loadTheme(name) else { session.bell(); return nil }
            presenter.apply(theme)
            dirty = true
        case .rememberTheme(let name):
            guard let path = look.preferencesPath else {
                return .themeRemembered(theme: name, path: "", error: FileError("neither XDG_CONFIG_HOME nor HOME is set"))
            }
            return .themeRemembered(theme: name, path: path, error: PreferencesWriter.rememberTheme(name, in: path))
        case .saveProgress(let path, let text):
            return .progressSaved(path: path, error: ProgressFile.write(text, to: path))
        case .bell:
            session.bell()
        }
        return nil
    }
}
