import DMAOwnEngine
import TOMLKit

/// `[goal]`: a lesson's goal, checked like every other table, so a typo in a win condition is a
/// one-line error naming the file, the line and the value, never a lesson nobody can win.
extension ScenarioReader {
    func goal(_ topology: Topology, threadLines: [String]) throws(ScenarioError) -> Goal? {
        guard let table = try table(["goal"], in: root) else { return nil }
        let path = ["goal"]
        try checkKeys(table, allowed: ScenarioSchema.goal, path: path)
        let text = try required(string(path + ["text"], in: table), "text", "what to achieve, in a sentence or two")
        let explain = try required(string(path + ["explain"], in: table), "explain", "why it happened, in kernel terms")
        let hints = try strings(path + ["hints"], in: table) ?? []
        for (i, h) in hints.enumerated() where h.isEmpty {
            throw error("hint \(i + 1) in [goal] is empty", value: h, line: itemLine(path + ["hints"], i))
        }
        var schemes: [SchemeID] = []
        for (i, name) in (try strings(path + ["schemes"], in: table) ?? []).enumerated() {
            guard let id = SchemeID(rawValue: name) else {
                throw error("unknown scheme \(q(name)) in [goal] (expected one of: \(SchemeID.allCases.map(\.rawValue).joined(separator: ", ")))",
                            value: name, line: itemLine(path + ["schemes"], i))
            }
            schemes.append(id)
        }
        let maxSteps = try int(path + ["max_steps"], in: table)
        if let maxSteps, maxSteps < 1 {
            throw error("'goal.max_steps' must be at least 1, not \(q(String(maxSteps)))", value: String(maxSteps), line: keyLine(path + ["max_steps"]))
        }
        guard let winTable = try self.table(path + ["win"], in: table) else {
            throw error("[goal] is missing 'win' (results, broken, group, finished or decision)", value: "goal", line: keyLine(path))
        }
        let win = try winCondition(winTable, topology, threadLines: threadLines)
        return Goal(text: text, win: win, schemes: schemes, maxSteps: maxSteps, hints: hints, explain: explain)
    }

    private func required(_ value: String?, _ key: String, _ what: String) throws(ScenarioError) -> String {
        guard let value, !value.isEmpty else {
            throw error("[goal] needs a non-empty '\(key)' (\(what))", value: value ?? key, line: keyLine(["goal", key]))
        }
        return value
    }

    private func winCondition(_ table: TOMLTable, _ topology: Topology, threadLines: [String]) throws(ScenarioError) -> WinCondition {
        let path = ["goal", "win"]
        try checkKeys(table, allowed: ScenarioSchema.win, path: path)
        var win = WinCondition()
        if let results = try self.table(path + ["results"], in: table, expected: #"a table like { "claim 7 qemu" = "-EPERM" }"#) {
            for key in ordered(results.keys, under: path + ["results"]) {
                let at = path + ["results", key]
                let thread = threadLines.firstIndex(of: key) ?? Int(key).flatMap { (1...threadLines.count).contains($0) ? $0 - 1 : nil }
                guard let thread else {
                    throw error("unknown thread \(q(key)) in [goal.win] results (expected an operation line of 'threads': \(threadLines.map(q).joined(separator: ", ")))",
                                value: key, line: keyLine(at))
                }
                guard let result = try string(at, in: results) else { continue }
                guard result == "crashed" || Errno(name: result) != nil else {
                    throw error("impossible result \(q(result)) for thread \(q(key)) (expected \"crashed\" or one of: \(Errno.allCases.map(\.name).joined(separator: ", ")))",
                                value: result, line: keyLine(at))
                }
                win.results.append(.init(thread: thread, result: Errno(name: result)?.name ?? result))
            }
        }
        for (i, name) in (try strings(path + ["broken"], in: table) ?? []).enumerated() {
            guard let inv = Invariant(rawValue: name) else {
                throw error("unknown invariant \(q(name)) in [goal.win] (expected one of: \(Invariant.allCases.map(\.rawValue).joined(separator: ", ")))",
                            value: name, line: itemLine(path + ["broken"], i))
            }
            win.broken.append(inv)
        }
        win.finished = try bool(path + ["finished"], in: table) ?? false
        win.decision = try string(path + ["decision"], in: table)
        if let g = try self.table(path + ["group"], in: table, expected: #"a table like { id = 7, owner = "qemu" }"#) {
            win.group = try groupCondition(g, topology)
        }
        if win.results.isEmpty && win.broken.isEmpty && win.group == nil && !win.finished && win.decision == nil {
            throw error("[goal.win] names no condition (give results, broken, group, finished or decision)", value: "win", line: keyLine(path))
        }
        return win
    }

    private func groupCondition(_ table: TOMLTable, _ topology: Topology) throws(ScenarioError) -> WinCondition.GroupCondition {
        let path = ["goal", "win", "group"]
        try checkKeys(table, allowed: ScenarioSchema.goalGroup, path: path)
        guard let id = try int(path + ["id"], in: table) else {
            throw error("[goal.win] group is missing 'id' (a group number from [groups])", value: "group", line: keyLine(path))
        }
        guard let g = topology.groups.firstIndex(where: { $0.id == id }) else {
            throw error("unknown group \(q(String(id))) in [goal.win]", value: String(id), line: keyLine(path + ["id"]))
        }
        var out = WinCondition.GroupCondition(group: g)
        if let owner = try string(path + ["owner"], in: table) {
            if owner == "nobody" { out.owner = .nobody }
            else if owner == "dma-api" { out.owner = .dmaAPI }
            else if let o = topology.owners.firstIndex(of: owner) { out.owner = .user(o) }
            else if let d = topology.drivers.firstIndex(where: { $0.name == owner }) { out.owner = .driver(d) }
            else {
                throw error("unknown owner \(q(owner)) in [goal.win] group (expected nobody, dma-api, a declared owner or a driver)",
                            value: owner, line: keyLine(path + ["owner"]))
            }
        }
        if let n = try int(path + ["owner_cnt"], in: table) {
            if n < 0 { throw error("'owner_cnt' must not be negative, not \(q(String(n)))", value: String(n), line: keyLine(path + ["owner_cnt"])) }
            out.ownerCount = n
        }
        if let domain = try string(path + ["domain"], in: table) {
            switch domain {
            case "none": out.domain = Domain.none
            case "default": out.domain = .default
            case "blocking": out.domain = .blocking
            default:
                let name = domain.hasSuffix("'s") ? String(domain.dropLast(2)) : domain
                guard let o = topology.owners.firstIndex(of: name) else {
                    throw error("unknown domain \(q(domain)) in [goal.win] group (expected default, blocking, none or a declared owner's)",
                                value: domain, line: keyLine(path + ["domain"]))
                }
                out.domain = .user(o)
            }
        }
        return out
    }
}
