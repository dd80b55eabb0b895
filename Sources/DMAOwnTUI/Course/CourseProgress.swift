import DMAOwnEngine
import DMAOwnScenario
import TOMLKit

/// What a learner has done in the course: per lesson (by name, so reordering the course keeps it),
/// the fewest steps they solved it in and whether that was the shortest possible.
public struct CourseProgress: Sendable, Equatable {
    /// One solved lesson.
    public struct Record: Sendable, Equatable {
        /// The fewest steps the learner has solved it in.
        public var steps: Int
        /// Those steps equal the explorer's shortest solution.
        public var shortest: Bool
        public init(steps: Int, shortest: Bool) { self.steps = steps; self.shortest = shortest }
    }

    public var lessons: [String: Record]

    public init(lessons: [String: Record] = [:]) { self.lessons = lessons }

    /// Records a solution in `steps` steps against the shortest possible (nil when unknown); keeps
    /// the better of the old and the new record.
    public mutating func solved(_ name: String, steps: Int, shortest: Int?) {
        let new = Record(steps: steps, shortest: shortest.map { steps <= $0 } ?? false)
        if let old = lessons[name], old.steps <= new.steps, old.shortest || !new.shortest { return }
        lessons[name] = new
    }

    /// The mark a lesson list shows: solved in the fewest steps, solved, or not yet.
    public func mark(_ name: String, glyphs: Glyphs) -> String {
        guard let r = lessons[name] else { return "  " }
        let star: Character = glyphs == .ascii ? "*" : "★"
        return r.shortest ? "\(glyphs.ok)\(star)" : "\(glyphs.ok) "
    }

    /// The file's text: one table per solved lesson, in name order so the file diffs calmly.
    public var text: String {
        var out = "# dmaown learn: your progress (dmaown learn --reset clears it)\n"
        for name in lessons.keys.sorted() {
            let r = lessons[name]!
            out += "\n[lessons.\(ScenarioWriter.quote(name))]\nsteps = \(r.steps)\nshortest = \(r.shortest)\n"
        }
        return out
    }

    /// The progress in `text`; anything unusable gives a fresh course and one warning naming
    /// `file` (never a refusal to start: progress is a convenience, not an input).
    public static func parse(_ text: String, file: String) -> (CourseProgress, String?) {
        let fresh = "; starting a fresh course"
        let table: TOMLTable
        switch TOMLDocument.parse(text) {
        case .success(let document): table = document.table
        case .failure(let p): return (CourseProgress(), "\(file):\(p.line): not valid TOML\(fresh)")
        }
        guard table.keys.allSatisfy({ $0 == "lessons" }), let lessons = table["lessons"].map({ $0.table }) ?? TOMLTable() else {
            return (CourseProgress(), "\(file): expected only [lessons.NAME] tables\(fresh)")
        }
        var out = CourseProgress()
        for name in lessons.keys {
            guard let entry = lessons[name]?.table, let steps = entry["steps"]?.int, steps >= 0,
                  let shortest = entry["shortest"]?.bool, entry.keys.count == 2 else {
                return (CourseProgress(), "\(file): lesson \(DisplayText.quote(name)) needs exactly steps = N and shortest = true|false\(fresh)")
            }
            out.lessons[name] = Record(steps: steps, shortest: shortest)
        }
        return (out, nil)
    }
}
