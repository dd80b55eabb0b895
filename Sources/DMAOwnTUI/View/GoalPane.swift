import DMAOwnEngine

/// The course on screen: the goal pane above the usual panes while a lesson is open, the win box
/// when it is solved, and the lesson list.
enum GoalPane {
    /// The rows the goal pane takes at `width` (0 outside a lesson): a heading, the goal and the
    /// latest hint, each wrapped, so the goal stays visible whatever else is open.
    static func rows(_ s: AppState, width: Int) -> Int {
        guard let lesson = s.course?.lesson, s.course?.listSelection == nil else { return 0 }
        return lines(lesson, scheme: s.scheme, width: width).count + 1
    }

    /// The goal and the latest hint, wrapped to the pane; at most three goal and two hint lines.
    static func lines(_ lesson: LessonSession, scheme: SchemeID, width: Int) -> [(text: String, role: Role)] {
        // Under another scheme (s switched it) the goal cannot be won: say so where the goal is.
        let elsewhere = lesson.schemes.contains(scheme) ? "" : " (counts under \(lesson.schemes.map(\.rawValue).joined(separator: " or ")) only: s switches back)"
        let goal = Drawing.wrap("Goal: \(lesson.goal.text)\(elsewhere)", width: max(1, width - 2)).prefix(3).map { ($0, Role.text) }
        guard lesson.hintsShown > 0 else { return goal }
        let hint = "Hint \(lesson.hintsShown)/\(lesson.goal.hints.count): \(lesson.goal.hints[lesson.hintsShown - 1])"
        return goal + Drawing.wrap(hint, width: max(1, width - 2)).prefix(2).map { ($0, Role.dimText) }
    }

    /// A frame with the course drawn, or nil outside the course.
    static func render(_ s: AppState, size: Size, glyphs: Glyphs) -> CellBuffer? {
        guard let course = s.course else { return nil }
        var buf = CellBuffer(width: size.width, height: size.height)
        if let row = course.listSelection {
            drawList(&buf, course, selected: row, glyphs: glyphs)
        } else if let lesson = course.lesson {
            let top = rows(s, width: size.width)
            var inner = s
            inner.course = nil
            let panes = Screen.render(inner, size: Size(width: size.width, height: size.height - top), glyphs: glyphs,
                                      minimum: Size(width: App.minimumSize.width, height: App.minimumSize.height - top))
            for y in 0..<panes.height { for x in 0..<panes.width { buf[x, y + top] = panes[x, y] } }
            drawHeading(&buf, s, lesson, course: course, glyphs: glyphs)
            if lesson.showingWin { drawWin(&buf, lesson, course: course, glyphs: glyphs) }
        }
        if glyphs == .ascii { buf.mapCharacters(glyphs.drawable) }
        return buf
    }

    private static func star(_ glyphs: Glyphs) -> String { glyphs == .ascii ? "*" : "★" }

    /// Between items on one line; ASCII terminals get a dash rather than a `?` for the dot.
    private static func separator(_ glyphs: Glyphs) -> String { glyphs == .ascii ? " - " : " · " }

    private static func drawHeading(_ buf: inout CellBuffer, _ s: AppState, _ lesson: LessonSession, course: CourseState, glyphs: Glyphs) {
        let w = buf.width
        buf.fill(Rect(x: 0, y: 0, width: w, height: 1), role: .statusBar)
        let title = course.lessons[lesson.number - 1].title
        let dot = separator(glyphs)
        let solved = lesson.won.map { "\(dot)\(glyphs.ok) solved in \($0.steps)" } ?? ""
        let shortest = lesson.shortest.map(String.init) ?? "?"
        let right = "steps \(s.history.position)\(dot)shortest \(shortest)\(solved)\(dot)H hint\(dot)L lessons "
        let left = " Lesson \(lesson.number)/\(course.lessons.count): \(title)"
        buf.putClipped(left, x: 0, y: 0, role: .statusBar, maxWidth: max(1, w - right.count - 1))
        buf.put(right, x: max(0, w - right.count), y: 0, role: .statusBar)
        for (i, line) in lines(lesson, scheme: s.scheme, width: w).enumerated() { buf.put(line.text, x: 1, y: 1 + i, role: line.role, maxWidth: w - 2) }
    }

    /// The win box: what happened in kernel terms, the learner's steps against the explorer's
    /// fewest, and the way on.
    private static func drawWin(_ buf: inout CellBuffer, _ lesson: LessonSession, course: CourseState, glyphs: Glyphs) {
        let width = min(100, buf.width - 4)
        let text = max(1, width - 4)
        let explain = Drawing.wrap(lesson.goal.explain, width: text)
        let steps = lesson.won?.steps ?? 0
        var score = "Your schedule: \(steps) steps. Shortest possible: " + (lesson.shortest.map { "\($0) steps (the explorer's)" } ?? "unknown")
        if let m = lesson.shortest, steps <= m { score += " \(star(glyphs)) the fewest possible" }
        let next = lesson.number < course.lessons.count ? "n: next lesson (\(course.lessons[lesson.number].title))" : "n: the lesson list (the course is done)"
        let keys = Drawing.wrap(["\(next)", "L: lessons", "Esc: keep exploring", "q: quit"].joined(separator: separator(glyphs)), width: text)
        let body = min(explain.count, max(1, buf.height - 10 - keys.count))
        let height = body + keys.count + Drawing.wrap(score, width: text).count + 6
        let r = Rect(x: (buf.width - width) / 2, y: max(0, (buf.height - height) / 2), width: width, height: min(height, buf.height))
        buf.fill(r, role: .help)
        buf.box(r, title: "\(glyphs.ok) Solved: lesson \(lesson.number)", role: .borderFocused, glyphs: glyphs)
        let area = r.inner
        var y = area.y + 1
        buf.putClipped(course.lessons[lesson.number - 1].title, x: area.x + 1, y: y, role: .title, in: area)
        y += 2
        for line in explain.prefix(body) { buf.put(line, x: area.x + 1, y: y, role: .help, in: area); y += 1 }
        y += 1
        for line in Drawing.wrap(score, width: text) { buf.put(line, x: area.x + 1, y: y, role: .resultOK, in: area); y += 1 }
        for line in keys { buf.put(line, x: area.x + 1, y: y, role: .dimText, in: area); y += 1 }
    }

    /// The course's lessons in order with their marks, and the selected one's goal.
    private static func drawList(_ buf: inout CellBuffer, _ course: CourseState, selected: Int, glyphs: Glyphs) {
        let r = Rect(x: 0, y: 0, width: buf.width, height: buf.height)
        let solved = course.lessons.filter { course.progress.lessons[$0.name] != nil }.count
        buf.box(r, title: "dmaown learn: \(solved) of \(course.lessons.count) lessons solved", role: .borderFocused, glyphs: glyphs)
        let area = r.inner
        buf.put("\(glyphs.ok) solved   \(glyphs.ok)\(star(glyphs)) solved in the fewest steps possible", x: area.x + 1, y: area.y, role: .dimText, in: area)
        let goalRows = 4
        let visible = max(1, area.height - 3 - goalRows)
        let first = scrollOffset(total: course.lessons.count, visible: visible, focus: selected)
        for (row, i) in (first..<min(course.lessons.count, first + visible)).enumerated() {
            let cursor = i == selected ? String(glyphs.cursor) : " "
            let number = String(i + 1).count < 2 ? " \(i + 1)" : "\(i + 1)"
            let line = "\(cursor) \(number)  \(course.progress.mark(course.lessons[i].name, glyphs: glyphs))  \(course.lessons[i].title)"
            buf.putClipped(line.padded(area.width - 2), x: area.x + 1, y: area.y + 2 + row, role: i == selected ? .selection : .text, in: area)
        }
        let y = area.maxY - goalRows
        for (k, line) in Drawing.wrap("Goal: \(course.lessons[selected].goal)", width: max(1, area.width - 2)).prefix(goalRows - 1).enumerated() {
            buf.put(line, x: area.x + 1, y: y + 1 + k, role: .text, in: area)
        }
        buf.put("Enter: open   j/k: move   Esc: back to the lesson   q: quit", x: area.x + 1, y: y, role: .dimText, in: area)
    }
}
