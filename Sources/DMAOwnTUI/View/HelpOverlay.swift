import DMAOwnEngine
import DMAOwnHelp

/// The `?`/F1 help, in sections: this scenario in full, the keys (from the same key table that
/// dispatches them), the glyphs, the concepts, the six invariants and the scheme in use. The
/// concept, invariant and scheme texts are the ones `dmaown help TOPIC` prints.
enum HelpOverlay {
    /// Width of the text column: the overlay is 80 wide, the key column 12.
    static let textWidth = 64

    /// The section headings, in order; `1`…`5` in the help jump to them.
    static let sections = ["SCENARIO", "KEYS", "CONCEPTS", "INVARIANTS", "SCHEME"]

    /// The concepts' titles, drawn as titles where they stand alone on a line.
    static let conceptTitles = Set(HelpTopics.sections(HelpTopics.concepts).map(\.title))

    /// The line each section starts on, in `sections` order.
    static func sectionStarts(_ s: AppState) -> [Int] {
        let lines = lines(s)
        return sections.compactMap { name in lines.firstIndex { $0.key == name && $0.text.isEmpty } }
    }

    static func lines(_ s: AppState, glyphs: Glyphs = .unicode) -> [(key: String, text: String)] {
        var out: [(String, String)] = []
        func heading(_ title: String) {
            if !out.isEmpty { out.append(("", "")) }
            out.append((title, ""))
        }
        func para(_ key: String, _ text: String) {
            for (i, line) in Drawing.wrap(text, width: textWidth).enumerated() { out.append((i == 0 ? key : "", line)) }
        }
        // The scenario's own words first, whole: what it shows and what to try.
        heading(sections[0])
        for (key, text) in [("title", s.scenario.title), ("about", s.scenario.description), ("try", s.scenario.tryNote),
                            ("source", s.scenario.source), ("scheme", "\(s.scheme.rawValue) (s switches)")] where !text.isEmpty {
            para(key, text)
        }
        heading(sections[1])
        out.append(("theme", "\(s.themeName)  (t cycles: \(s.themeNames.joined(separator: ", ")))"))
        out += KeyTable.bindings.map { ($0.label, $0.help) }
        out += KeyTable.overlayKeys.map { ($0.label, $0.help) }
        out += legend(glyphs)
        heading(sections[2])
        out.append(("", "(also: dmaown help concepts)"))
        for section in HelpTopics.sections(HelpTopics.concepts) {
            out.append(("", ""))
            out.append(("", section.title))
            for p in section.paragraphs { para("", p) }
        }
        heading(sections[3])
        out.append(("", "(also: dmaown help invariants)"))
        for section in HelpTopics.sections(HelpTopics.invariants) {
            out.append(("", ""))
            for (i, p) in section.paragraphs.enumerated() { para(i == 0 ? section.title : "", p) }
        }
        heading(sections[4])
        let info = s.run.scheme.info
        out.append(("", "(also: dmaown help \(info.id.rawValue); dmaown help schemes for all)"))
        para(info.id.rawValue, info.title)
        para("", info.summary)
        for (i, source) in info.sources.enumerated() { para(i == 0 ? "sources" : "", "- " + source) }
        return out
    }

    /// What each glyph means, in the glyph set on screen.
    static func legend(_ g: Glyphs) -> [(key: String, text: String)] {
        [("glyphs", "\(g.runnable) runnable  \(g.blocked) blocked  \(g.done) done, 0  \(g.failed) error or crashed"),
         ("", "\(g.dma) doing DMA  \(g.lock)T1 lock held by thread 1  \(g.cursor) current step/row"),
         ("", "\(g.stepMark) step taken  \(g.failed) failure branch  \(g.ok) invariant holds  \(g.violation) broken"),
         ("", "under a step: \(g.failed) the check that decided the thread's error, ⇒ the branch the last step took"),
         ("", "1.a to 4.b: Robin's case for a sibling during a release scan:")] + robinCases
    }

    /// Robin's case analysis (23 Feb 2022) in one line a case, for the labels the topology shows during a `robin` release scan.
    static let robinCases: [(key: String, text: String)] = [
        ("  1.a", "bound DMA-API driver: ownership stays"),
        ("  1.b", "bound managed driver that owns the group: nothing changes"),
        ("  1.c", "bound managed driver, not the owner: irrelevant"),
        ("  2.a.i", "mid-bind DMA-API driver, DMA-API owned: ownership passes to it"),
        ("  2.a.ii", "mid-bind DMA-API driver, user-owned: it finds what it finds"),
        ("  2.b", "mid-bind managed driver: irrelevant"),
        ("  3", "unbound and idle: no effect"),
        ("  4.a.i", "mid-unbind DMA-API driver, DMA-API owned: this scan releases both"),
        ("  4.a.ii", "mid-unbind managed driver, DMA-API owned: irrelevant"),
        ("  4.b", "mid-unbind, user-owned: only the owner can release"),
    ]

    static func draw(_ buf: inout CellBuffer, _ v: ViewContext, screen: Size) {
        let lines = lines(v.state, glyphs: v.glyphs)
        let r = OverlayViews.centred(width: 80, height: lines.count + 2, in: screen)
        buf.fill(r, role: .help)
        buf.box(r, title: "Help — 1 scenario 2 keys 3 concepts 4 invariants 5 scheme, Esc closes", role: .borderFocused, glyphs: v.glyphs)
        let area = r.inner
        let scroll = min(v.state.helpScroll, max(0, lines.count - area.height))
        if lines.count > area.height {
            let more = scroll + area.height < lines.count ? "j/k scroll, more below" : "k scrolls back"
            buf.put(" \(more) ", x: r.maxX - more.count - 4, y: r.maxY - 1, role: .borderFocused)
        }
        for (i, line) in lines.dropFirst(scroll).prefix(area.height).enumerated() {
            let x = buf.put(line.key.padded(line.key.count > 11 && line.text.isEmpty ? line.key.count : 12), x: area.x + 1, y: area.y + i, role: .title, in: area)
            let isTitle = line.key.isEmpty && conceptTitles.contains(line.text)
            buf.put(line.text, x: x, y: area.y + i, role: isTitle ? .title : .help, in: area)
        }
    }
}
