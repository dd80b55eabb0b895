import Testing
@testable import DMAOwnTUI

/// The cells of the snapshot screens whose role carries meaning, asserted one by one.
///
/// The role grids in `Expected` are pinned by nothing but themselves: regenerated after a change
/// that drew a user owner as nobody's, they would pass. These name, for each word that says a
/// state (owner, domain, a changed field, a held lock, a violation), the role it must be drawn in.
@Suite struct SnapshotRoleTests {
    /// The role of the first cell of `word` on the first line containing `line` (which contains `word`).
    static func role(_ buf: CellBuffer, line: String, word: String) throws -> Role {
        let y = try #require(buf.lines.firstIndex { $0.contains(line) }, "no line with '\(line)'")
        let text = Array(buf.lines[y])
        let start = try #require((0...(text.count - word.count)).first { String(text[$0..<$0 + word.count]) == word }, "'\(word)' not on '\(line)'")
        return buf[start, y].role
    }

    @Test func s5MidwayDrawsEachStateInItsRole() throws {
        let buf = App.render(Fixture.s5Midway(), size: Size(width: 120, height: 40), glyphs: .unicode)
        #expect(try Self.role(buf, line: "owner nobody", word: "nobody") == .ownerNone)
        #expect(try Self.role(buf, line: "domain default", word: "default") == .domainDefault)
        #expect(try Self.role(buf, line: "mutex ◆T2", word: "◆T2") == .changed, "the mutex T2 just took is highlighted")
        #expect(try Self.role(buf, line: "probing  ◆T1", word: "◆T1") == .lockHeld)
        #expect(try Self.role(buf, line: "runnable › pinctrl_bind_pins", word: "runnable") == .threadRunnable)
        #expect(try Self.role(buf, line: "✓ isolation", word: "✓ isolation") == .statusBar)
    }

    @Test func s1ViolationDrawsTheBreachAndTheCrash() throws {
        let buf = App.render(SnapshotStates.s1Notifier(), size: App.minimumSize, glyphs: .unicode)
        #expect(try Self.role(buf, line: "group 7 ⚠ isolation", word: "⚠ isolation") == .violation)
        #expect(try Self.role(buf, line: "owner qemu", word: "qemu") == .ownerUser)
        #expect(try Self.role(buf, line: "domain qemu's", word: "qemu's") == .domainUser)
        #expect(try Self.role(buf, line: "⇄ 01:00.1", word: "⇄") == .dmaActive, "e1000e is doing DMA")
        #expect(try Self.role(buf, line: "e1000e   bound", word: "bound") == .changed)
        #expect(try Self.role(buf, line: "e1000e   bound", word: "◆T1") == .lockHeld)
        #expect(try Self.role(buf, line: "crashed (BUG_ON)", word: "crashed") == .threadFailed)
        #expect(try Self.role(buf, line: "→ crashed ⚠ bug-on", word: "→ crashed") == .resultErrno)
        #expect(try Self.role(buf, line: "⚠ bug-on: vfio_iommu_group_notifier", word: "⚠ bug-on") == .violation)
        #expect(try Self.role(buf, line: "✓ stale-owner", word: "⚠ isolation") == .violation)
        #expect(try Self.role(buf, line: "✓ stale-owner", word: "✓ stale-owner") == .statusBar)
    }

    @Test func robinLabelsTheScannedSiblingsCase() throws {
        let buf = App.render(SnapshotStates.robin(), size: Size(width: 120, height: 40), glyphs: .unicode)
        #expect(try Self.role(buf, line: "owner the kernel DMA API", word: "the kernel DMA API") == .ownerKernel)
        #expect(try Self.role(buf, line: "2.a.i: mid-bind DMA-API driver", word: "2.a.i") == .robinCase)
        #expect(try Self.role(buf, line: "domain default  mutex ◆T1", word: "◆T1") == .changed)
        // The selected device row is drawn as the selection, its label included.
        #expect(try Self.role(buf, line: "probing  ◆T2 2.a.i", word: "2.a.i") == .selection)
    }

    @Test func theTooSmallNoticeIsAWarning() throws {
        let buf = App.render(Fixture.state(), size: Size(width: 30, height: 5), glyphs: .unicode)
        #expect(try Self.role(buf, line: "terminal too small", word: "terminal too small") == .violation)
        #expect(try Self.role(buf, line: "need 80×24", word: "need") == .text)
    }
}
