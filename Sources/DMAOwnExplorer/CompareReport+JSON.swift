import DMAOwnEngine

extension CompareReport {
    /// The one JSON object `compare --json` prints: per scheme the figures `check --json` gives
    /// (verdict, invariants, outcome count, states, time, completeness), the merged columns, and
    /// the matrix with a cell per scheme, so a script reads every scheme's answer without merging.
    public var json: JSONText {
        let keys = keys
        let columns = columns
        let columnOf = Dictionary(uniqueKeysWithValues: columns.enumerated().flatMap { c, members in members.map { ($0, c) } })
        let schemes: [JSONText] = entries.enumerated().map { i, entry in
            var f: [(String, JSONText)] = [("scheme", .string(entry.scheme.rawValue)), ("verdict", .string(Self.verdict(entry))), ("column", .int(columnOf[i] ?? i))]
            guard let check = entry.check else {
                f.append(("error", .string(entry.failure ?? "")))
                return .object(f)
            }
            let e = check.exploration
            f += [
                ("complete", .bool(e.complete)), ("invariants", .array(e.violations.map { .string($0.invariant.rawValue) })),
                ("outcome_count", .uint(e.outcomeCount)), ("outcomes_listed", .bool(e.outcomesListed)),
                ("schedules_counted", .bool(e.schedulesCounted)),
                ("states", .int(e.states)), ("transitions", .int(e.transitions)), ("seconds", .double((e.seconds * 1e6).rounded() / 1e6)),
                ("shortest", Self.shortest(entry).map { c in
                    .object([("invariant", .string(c.invariant.rawValue)), ("steps", .int(c.schedule.count)), ("message", .string(c.message))])
                } ?? .null),
            ]
            if let stop = e.stop { f.append(("stopped_by", .string(stop.rawValue))) }
            if let note = check.partialNote { f.append(("partial_note", .string(note))) }
            return .object(f)
        }
        let cols: [JSONText] = columns.map { c in
            .object([("schemes", .array(c.map { .string(entries[$0].scheme.rawValue) })), ("identical", .bool(c.count > 1))])
        }
        let rows: [JSONText] = rows.map { r in
            .object([
                ("results", .object(zip(keys, r.results).map { ($0, .string($1)) })),
                ("label", .string(OutcomeWords.label(r.results, keys: keys))),
                ("difference", r.difference.map { .string($0.name) } ?? .null),
                ("cells", .object(zip(entries, r.cells).map { entry, cell in (entry.scheme.rawValue, Self.json(cell)) })),
            ])
        }
        return .object([
            ("scenario", .string(scenario.title)), ("name", .string(name)),
            ("schemes", .array(schemes)), ("columns", .array(cols)), ("outcomes", .array(rows)),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }

    /// A cell as `{"status": "possible" | "impossible" | "unknown" | "not-run", "schedules": N or null}`,
    /// with `why` for an unknown one.
    static func json(_ cell: Cell) -> JSONText {
        switch cell {
        case .schedules(let n): .object([("status", .string("possible")), ("schedules", .uint(n))])
        case .possible: .object([("status", .string("possible")), ("schedules", .null)])
        case .impossible: .object([("status", .string("impossible")), ("schedules", .null)])
        case .notFound: .object([("status", .string("unknown")), ("schedules", .null), ("why", .string("partial search"))])
        case .notListed: .object([("status", .string("unknown")), ("schedules", .null), ("why", .string("outcomes not listed"))])
        case .notRun: .object([("status", .string("not-run")), ("schedules", .null)])
        }
    }
}
