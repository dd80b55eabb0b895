import DMAOwnEngine
import DMAOwnExplorer

/// The schedule taken from the initial world, with the world after every step kept so undo, redo
/// and jumping to a timeline row cost nothing (worlds are small byte arrays).
public struct History: Sendable, Equatable {
    /// The world before any step, threads started.
    public private(set) var initial: World
    /// Every choice made, including the redo tail beyond `position`.
    public private(set) var choices: [Choice]
    /// `worlds[i]` is the world after `choices[i]`.
    public private(set) var worlds: [World]
    /// How many steps of `choices` are applied now: 0 is the initial world.
    public private(set) var position: Int

    /// A history with no steps taken yet.
    public init(initial: World) {
        self.initial = initial; choices = []; worlds = []; position = 0
    }

    /// The world the user is looking at.
    public var current: World { world(at: position) }

    /// The world after `k` steps (0 is the initial world).
    public func world(at k: Int) -> World { k == 0 ? initial : worlds[k - 1] }

    /// The choices applied up to `position`: what a saved trace records.
    public var applied: ArraySlice<Choice> { choices[..<position] }

    /// Records a step taken from the current world; a step taken after undo or a jump branches,
    /// dropping the old redo tail.
    public mutating func record(_ choice: Choice, world: World) {
        // Taking the step the tail already holds is a redo: the rest of the tail stays valid.
        if position < choices.count, choices[position] == choice, worlds[position] == world {
            position += 1
            return
        }
        choices.removeSubrange(position...)
        worlds.removeSubrange(position...)
        choices.append(choice)
        worlds.append(world)
        position += 1
    }

    /// Steps back one; false when already at the start.
    @discardableResult
    public mutating func undo() -> Bool {
        guard position > 0 else { return false }
        position -= 1
        return true
    }

    /// Steps forward along the redo tail; false when there is none.
    @discardableResult
    public mutating func redo() -> Bool {
        guard position < choices.count else { return false }
        position += 1
        return true
    }

    /// Shows the world after `k` steps, keeping the tail for redo.
    public mutating func jump(to k: Int) {
        position = min(max(0, k), choices.count)
    }

    /// Drops the redo tail, so the schedule ends at `position`.
    public mutating func truncate() {
        choices.removeSubrange(position...)
        worlds.removeSubrange(position...)
    }

    /// Appends a thread for `op` to `run` and to every kept world: a new thread has taken no step,
    /// so the history stays valid as if it had been there from the start.
    public mutating func add(_ op: Operation, to run: inout Run) -> Int {
        let t = run.add(op, to: &initial)
        for i in worlds.indices { worlds[i].addThread() }
        return t
    }
}
