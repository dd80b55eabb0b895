import CNCurses
import Testing
import DMAOwnTUI
@testable import DMAOwnTerminal

/// The presenter against a real (headless) curses screen. Curses has one current screen per
/// process, so these run one at a time.
@Suite(.serialized)
struct PresenterTests {
    static let width = 80, height = 24

    /// A frame shaped like the TUI's: a title, a box, a thread list and a status bar.
    static func frame(status: String, thread1: String, owner: String) -> CellBuffer {
        var b = CellBuffer(width: width, height: height)
        b.put("S5: bind ∥ claim ⇄", x: 0, y: 0, role: .title)
        b.put("┌─ group 7 " + String(repeating: "─", count: 30) + "┐", x: 0, y: 2, role: .border)
        b.put("│ owner: " + owner, x: 0, y: 3, role: .ownerKernel)
        b.put("└" + String(repeating: "─", count: 40) + "┘", x: 0, y: 5, role: .border)
        b.put(thread1, x: 44, y: 3, role: .threadRunnable)
        b.put("2 claim 7 qemu  ▶ runnable", x: 44, y: 4, role: .threadRunnable)
        b.put("-EBUSY", x: 44, y: 6, role: .resultErrno)
        b.put(status + String(repeating: " ", count: width), x: 0, y: height - 1, role: .statusBar)
        return b
    }

    @Test func writesTextAndAttributesThatReadBack() {
        let screen = HeadlessScreen(width: Self.width, height: Self.height)
        let p = Presenter(theme: .builtIn, depth: .monochrome)
        let buf = Self.frame(status: "step 0 of 4", thread1: "1 bind 01:00.1 e1000e ▶", owner: "kernel DMA")
        let written = p.present(buf)
        #expect(written == Self.width * Self.height)
        for y in [0, 2, 3, 6, Self.height - 1] {
            #expect(screen.row(y, width: Self.width) == buf.line(y), "row \(y)")
        }
        #expect(screen.cell(0, 0).attributes & dmaown_wa_bold() != 0, "title is bold")
        let errno = screen.cell(44, 6)
        #expect(errno.text == "-")
        #expect(errno.attributes & dmaown_wa_underline() != 0 && errno.attributes & dmaown_wa_bold() != 0)
        #expect(screen.cell(0, Self.height - 1).attributes & dmaown_wa_reverse() != 0, "status bar is reversed")
        #expect(screen.cell(10, 10).attributes == dmaown_wa_normal())
    }

    @Test func writesOnlyTheCellsThatChanged() {
        let screen = HeadlessScreen(width: Self.width, height: Self.height)
        let p = Presenter(theme: .builtIn, depth: .monochrome)
        let a = Self.frame(status: "step 0 of 4", thread1: "1 bind 01:00.1 e1000e ▶", owner: "kernel DMA")
        let b = Self.frame(status: "step 1 of 4", thread1: "1 bind 01:00.1 e1000e ⏸", owner: "qemu      ")
        p.present(a)
        // A cell no frame changes, overwritten behind the presenter's back: a diffing presenter
        // leaves it alone, a full repaint would restore it.
        screen.plant("Z", x: 70, y: 12)
        let written = p.present(b)
        let changed = zip(a.cells, b.cells).filter { $0 != $1 }.count
        #expect(changed > 0)
        #expect(written == changed)
        #expect(screen.cell(70, 12).text == "Z")
        #expect(screen.row(3, width: Self.width) == b.line(3))
        #expect(screen.row(Self.height - 1, width: Self.width) == b.line(Self.height - 1))
        // A frame identical to the last writes nothing.
        #expect(p.present(b) == 0)
        // After invalidate (Ctrl-L, resume) everything is written again.
        p.invalidate()
        #expect(p.present(b) == Self.width * Self.height)
        #expect(screen.cell(70, 12).text == " ")
    }

    @Test func aOneStepChangeWritesUnderTwoKilobytes() {
        let screen = HeadlessScreen(width: 120, height: 40)
        let p = Presenter(theme: .builtIn, depth: .indexed256)
        var a = CellBuffer(width: 120, height: 40)
        for y in 0..<40 { a.put(String(repeating: "device 0000:0\(y % 10):00.0 vfio-pci ", count: 4), x: 0, y: y, role: y % 3 == 0 ? .text : .border) }
        var b = a
        // What a step changes: a thread's status and step marker, a group's owner and count,
        // a timeline row, the status bar.
        b.put("▶ 2 claim 7 qemu   blocked on group->mutex (held by 1)", x: 60, y: 5, role: .threadBlocked)
        b.put("owner qemu  owner_cnt 1  domain blocking", x: 2, y: 8, role: .changed)
        b.put("3 │ bind 01:00.1 e1000e │ really_probe", x: 2, y: 30, role: .selection)
        b.put("S5 · merged · step 3 of 9 · isolation ✓ bug-on ✓", x: 0, y: 39, role: .statusBar)
        p.present(a)
        let before = screen.bytesWritten
        let fullFrame = before
        p.present(b)
        let step = screen.bytesWritten - before
        #expect(step > 0)
        #expect(step < 2048, "a one-step change wrote \(step) bytes")
        #expect(fullFrame > 4 * step, "full frame \(fullFrame) bytes vs step \(step)")
    }

    @Test func monochromeUsesNoColourPairsAndColourThemesAllocateThemLazily() {
        let screen = HeadlessScreen(width: 40, height: 10)
        defer { withExtendedLifetime(screen) {} }
        var theme = Theme.builtIn
        theme.styles[.violation] = CellStyle(foreground: .rgb(255, 0, 0), background: .terminalDefault, attributes: .bold)
        theme.styles[.ownerUser] = CellStyle(foreground: .indexed(33), background: .ansi(0))
        var mono = ColorPairs(theme: theme, depth: .monochrome)
        #expect(mono.style(for: .violation).pair == 0)
        #expect(mono.style(for: .violation).attributes & dmaown_wa_bold() != 0)
        var colour = ColorPairs(theme: theme, depth: .indexed256)
        let v = colour.style(for: .violation)
        let u = colour.style(for: .ownerUser)
        #expect(colour.style(for: .text).pair == 0, "default on default needs no pair")
        #expect(v.pair > 0 && u.pair > 0 && v.pair != u.pair)
        var fg: Int32 = 0, bg: Int32 = 0
        extended_pair_content(v.pair, &fg, &bg)
        #expect(fg == CursesColor.number(.rgb(255, 0, 0), depth: .indexed256) && bg == -1)
        extended_pair_content(u.pair, &fg, &bg)
        #expect(fg == 33 && bg == 0)
        #expect(colour.style(for: .violation) == v, "pairs are reused, not reallocated")
    }
}
