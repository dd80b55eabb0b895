import Testing
import DMAOwnScenario
import DMAOwnTUI
@testable import DMAOwnTerminal

/// The budget: presenting a one-step change writes under 2 KB, measured on the real
/// model's frames of the default scenario through a real (headless) curses screen. Part of
/// `PresenterTests` because curses has one current screen per process and that suite is serialized.
extension PresenterTests {
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func eachStepOfS5WritesUnderTwoKilobytes(size: Size) throws {
        let screen = HeadlessScreen(width: size.width, height: size.height)
        var state = try AppState(scenario: try BuiltinScenarios.load(BuiltinScenarios.defaultName))
        _ = App.update(&state, .resize(size))
        let p = Presenter(theme: .builtIn, depth: .indexed256)
        p.present(App.render(state, size: size, glyphs: .unicode))
        let fullFrame = screen.bytesWritten
        var worst = 0
        // Claim first, then the bind, then undo: every kind of frame a step produces.
        for key in ["2", "2", "2", "2", "1", "1", "1", "u"] {
            _ = App.update(&state, .key(.char(Character(key))))
            let before = screen.bytesWritten
            let cells = p.present(App.render(state, size: size, glyphs: .unicode))
            let bytes = screen.bytesWritten - before
            #expect(cells > 0, "key \(key) changed nothing on screen")
            worst = max(worst, bytes)
        }
        #expect(worst < 2048, "worst one-step change at \(size.width)×\(size.height): \(worst) bytes")
        #expect(fullFrame > worst, "a full frame (\(fullFrame) bytes) costs more than a step (\(worst))")
        withExtendedLifetime(screen) {}
    }
}
