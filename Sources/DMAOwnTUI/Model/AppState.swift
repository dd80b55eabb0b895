import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// Everything the TUI shows and remembers; the reducer (`App.update`) is the only thing that
/// changes it, and `App.render` draws it without looking anywhere else.
public struct AppState: Sendable {
    /// The scenario open now (a loaded trace brings its own).
    public var scenario: Scenario
    /// The threads' operations under the current scheme (grows when operations are added).
    public var run: Run
    /// The schedule taken and every world along it.
    public var history: History
    /// The themes `t` cycles through, and which one is on.
    public var themeNames: [String]
    public var themeIndex = 0
    /// The seed the random stepper started from, shown so a random run can be repeated.
    public var seed: UInt64
    /// The generator `r` and `R` draw from; it moves on with every draw.
    public var random: SplitMix64
    /// The pane that arrows and Enter act on.
    public var focus: Pane = .threads
    public var selectedThread = 0
    public var selectedDevice = 0
    /// What covers the panes and takes keys first, if anything.
    public var overlay: Overlay?
    /// First help line shown, when the help is taller than the screen.
    public var helpScroll = 0
    /// The line under the panes: what just happened, or what went wrong.
    public var message: StatusMessage?
    /// True while the explorer runs in the background.
    public var explorerRunning = false
    /// The id of the newest explorer job asked for: reports from any other (a cancelled search
    /// finishing late) are dropped, so they never close the overlay of the search after them.
    public var explorerJobID = 0
    /// The last complete exploration, kept so `x` can show it again.
    public var lastExploration: Exploration?
    /// Mouse reporting wanted (toggled with `m`).
    public var wantsMouse = false
    /// The terminal size the last frame was laid out for, so clicks can be hit-tested.
    public var size = App.minimumSize
    /// The schedule as last saved or loaded; steps beyond it are unsaved.
    public var savedSchedule: [Choice] = []
    /// How many operations the last save or load held; operations added since are unsaved too.
    public var savedOperationCount: Int
    /// The path last saved to or loaded from, offered as the prompt's default.
    public var tracePath = "dmaown-trace.json"
    /// The file this session was last saved to or loaded from: `w` replaces it without asking.
    public var traceFile: String?
    /// The schedule a run of scheme switches replays (see `App.switchScheme`).
    public var schemeSwitch: SchemeSwitch?
    /// The path last exported to; its extension picks the format.
    public var exportPath = "dmaown-timeline.md"
    /// `dmaown learn`'s course and the lesson open now (nil outside the course).
    public var course: CourseState?
    /// Challenge mode (`--challenge`, `X`): the explorer's verdict stays hidden until the user has
    /// broken an invariant by hand (nil: off).
    public var challenge: Challenge?
    /// The split view's other side (`c`): the schedule replayed under a second scheme, or nil.
    public var compare: CompareSession?
    /// The path `W` last wrote the scenario to.
    public var scenarioPath = "dmaown-scenario.toml"

    /// Opens `scenario` under `scheme` (its own by default); a failing setup is the file's error.
    public init(scenario: Scenario, scheme: SchemeID? = nil, themeNames: [String] = ["default"], seed: UInt64 = 1) throws(SetupError) {
        switch scenario.prepare(scheme: scheme) {
        case .success(let p): run = p.run; history = History(initial: p.world)
        case .failure(let e): throw e
        }
        self.scenario = scenario
        savedOperationCount = scenario.threads.count
        self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
        self.seed = seed
        self.random = SplitMix64(seed: seed)
        message = StatusMessage(.info, "? or F1: this scenario in full, keys, concepts, invariants" + (scenario.tryNote.isEmpty ? "" : "; try: \(scenario.tryNote)"))
    }

    /// The world as it is at the selected point of the schedule.
    public var world: World { history.current }

    /// The world one step earlier, for highlighting what the last step changed.
    public var previousWorld: World? { history.position > 0 ? history.world(at: history.position - 1) : nil }

    /// What the explorer searches: the current operations from the selected timeline row's world,
    /// or from the initial world when `explorerFromStart`.
    public var explorerJob: (run: Run, world: World) { (run, history.world(at: explorerStartRow)) }

    /// Explore from the initial world rather than the selected timeline row (`f` in the explorer).
    public var explorerFromStart = false
    /// The schedule to the world the last search started in: loading one of its results puts
    /// this in front of the schedule found.
    public var explorerPrefix: [Choice] = []

    /// The timeline row the next search starts from: the selected one, or 0 from the start.
    public var explorerStartRow: Int { explorerFromStart ? 0 : history.position }

    /// The scheme the run uses now.
    public var scheme: SchemeID { run.scheme.id }

    /// The theme the presenter should be using.
    public var themeName: String { themeNames[themeIndex % themeNames.count] }

    /// True when the schedule holds steps, or the run operations, that the last save or load did
    /// not: looking at an earlier row of a saved schedule is not a change.
    public var hasUnsavedSteps: Bool {
        run.operations.count != savedOperationCount
            || history.choices != savedSchedule
    }
}

/// The schedule before a run of scheme switches, and what the last switch replayed of it: while
/// the history still equals `replayed`, the next switch replays `original` again.
public struct SchemeSwitch: Sendable, Equatable {
    public var original: [Choice]
    public var position: Int
    public var replayed: [Choice]
    /// The kept branches before the first switch, and the number of the one on screen: each
    /// switch replays them too, so switching back brings every branch back whole.
    public var branches: [BranchChoices] = []
    public var branch = 1
}

/// A one-line note for the user; violations and errors are worded and marked, not only coloured.
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, error, violation }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
}
