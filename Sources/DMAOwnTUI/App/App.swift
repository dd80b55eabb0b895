import DMAOwnEngine
import DMAOwnScenario

/// The TUI's state. STUB: the TUI-model work replaces this with the full state.
public struct AppState: Sendable {
    public var scenario: Scenario
    public var run: Run
    public var world: World
    public var themeNames: [String]
    /// True while the explorer runs in the background.
    public var explorerRunning = false
    /// Mouse reporting wanted (toggled with `m`).
    public var wantsMouse = false

    /// Opens `scenario` under `scheme` (its own by default); a failing setup is the file's error.
    public init(scenario: Scenario, scheme: SchemeID? = nil, themeNames: [String] = ["default"], seed: UInt64 = 1) throws(SetupError) {
        switch scenario.prepare(scheme: scheme) {
        case .success(let p): run = p.run; world = p.world
        case .failure(let e): throw e
        }
        self.scenario = scenario
        self.themeNames = themeNames
    }
}

/// The TUI program: a pure reducer and a pure renderer (bubbletea's update/view).
public enum App {
    /// The smallest terminal the layout supports; below it a "need W×H" screen is drawn.
    public static let minimumSize = Size(width: 80, height: 24)

    /// Applies `message` to `state` and returns the side effects for the shell to perform.
    public static func update(_ state: inout AppState, _ message: Message) -> [Effect] {
        if case .key(.char("q")) = message { return [.quit] }
        return []
    }

    /// Draws `state` into a buffer of `size`.
    public static func render(_ state: AppState, size: Size, glyphs: Glyphs) -> CellBuffer {
        var buf = CellBuffer(width: size.width, height: size.height)
        buf.put(state.scenario.title, x: 0, y: 0, role: .title)
        buf.put("press q to quit", x: 0, y: 1, role: .dimText)
        return buf
    }
}

/// The characters that carry state, with an ASCII set for non-UTF-8 locales.
public struct Glyphs: Sendable, Equatable {
    public var dma: Character
    public var lock: Character
    public var runnable: Character
    public var blocked: Character
    public var done: Character
    public var failed: Character
    public var violation: Character
    public var ok: Character
    public var horizontal: Character
    public var vertical: Character
    public var corners: [Character]  // top-left, top-right, bottom-left, bottom-right

    public static let unicode = Glyphs(dma: "⇄", lock: "◆", runnable: "▶", blocked: "⏸", done: "✔", failed: "✘",
                                       violation: "⚠", ok: "✓", horizontal: "─", vertical: "│", corners: ["┌", "┐", "└", "┘"])
    public static let ascii = Glyphs(dma: "~", lock: "#", runnable: ">", blocked: "=", done: "+", failed: "x",
                                     violation: "!", ok: "v", horizontal: "-", vertical: "|", corners: ["+", "+", "+", "+"])
}
