import DMAOwnEngine

extension App {
    /// Opens the branch list with the current branch selected.
    static func openBranches(_ s: inout AppState) -> [Effect] {
        let numbers = s.history.branchNumbers
        s.overlay = .branches(selected: numbers.firstIndex(of: s.history.branch) ?? 0)
        return []
    }

    /// Keys in the branch list: move, Enter switches to the selected branch, Esc backs out.
    static func branchesKey(_ s: inout AppState, selected: Int, _ key: KeyEvent) -> [Effect] {
        let numbers = s.history.branchNumbers
        switch key {
        case .down, .char("j"): s.overlay = .branches(selected: min(selected + 1, numbers.count - 1))
        case .up, .char("k"): s.overlay = .branches(selected: max(0, selected - 1))
        case .enter:
            s.overlay = nil
            guard numbers.indices.contains(selected) else { return [] }
            return switchBranch(&s, to: numbers[selected])
        case .escape, .char("b"), .char("q"): s.overlay = nil
        default: break
        }
        return []
    }

    /// The branch `by` places after (or before) the current one, wrapping round.
    static func cycleBranch(_ s: inout AppState, by delta: Int) -> [Effect] {
        let numbers = s.history.branchNumbers
        guard numbers.count > 1, let i = numbers.firstIndex(of: s.history.branch) else {
            s.message = StatusMessage(.error, "only one branch: step from an earlier timeline row to start another")
            return [.bell]
        }
        return switchBranch(&s, to: numbers[(i + delta + numbers.count) % numbers.count])
    }

    /// Shows branch `number` at the row where it parts from the branch on screen, so ^R walks on
    /// into its future; the branch left stays in the list.
    static func switchBranch(_ s: inout AppState, to number: Int) -> [Effect] {
        guard number != s.history.branch else {
            s.message = StatusMessage(.info, "already on branch \(number)")
            return []
        }
        s.history.switchTo(branch: number)
        s.focus = .timeline
        let ahead = s.history.choices.count - s.history.position
        s.message = StatusMessage(.info, "branch \(number) of \(s.history.branchNumbers.count): at row \(s.history.position), where it parts from the branch left; "
                                  + (ahead > 0 ? "^R walks on (\(steps(ahead)) ahead)" : "it ends here"))
        return []
    }
}
