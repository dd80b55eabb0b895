/// One atomic step of a kernel operation: the scheduler may interleave other threads between two
/// steps, never inside one.
///
/// A step names the kernel function it models, so the UI and traces speak the kernel's language.
/// The lock it needs is declared, not taken inside `action`, so the engine can tell whether the
/// step would block, and why, without running it.
public struct Step: Sendable {
    /// The kernel function modelled, e.g. `really_probe` or `iommu_device_use_default_domain`.
    public let function: String
    /// One line of pseudo-code for what the step does.
    public let code: String
    /// One teaching sentence: why this step matters.
    public let note: String
    /// The lock the step takes before it runs, if any.
    public let acquires: LockKind?
    /// Where the driver may fail here; a choice point when the operation's driver names it.
    public let failPoint: FailPoint?
    /// A jump target other steps name in `Flow.goto`.
    public let label: JumpLabel?
    /// What the step is, for views that label live state (Robin's release scan).
    public let role: Role?
    /// What the step may read or write besides its own thread, so the explorer knows which steps commute.
    public let scope: Scope
    /// Which way the step went and the values that decided it, for people (views, traces, exports).
    ///
    /// Nil for a step with one way through. Never called on the explorer's path: it is evaluated only
    /// when a taken step is shown, from the worlds before and after it (see `Run.decision`).
    public let explain: Explain?
    let action: @Sendable (inout World, StepContext) -> Flow
    /// The step only takes its lock and goes on (`mutex_lock(&group->mutex)`, `device_lock(dev)`):
    /// its action touches nothing and returns `.next`, so `Run.step` takes the lock and moves the
    /// pc in one write and does not call it. Made by `Step.locking`.
    let onlyLocks: Bool

    /// Marks steps whose moment matters to views.
    public enum Role: Sendable, Hashable {
        /// Robin's release scan over the siblings, run with `group->mutex` held.
        case releaseScan
    }

    public init(
        _ function: String, _ code: String, note: String, acquires: LockKind? = nil, failPoint: FailPoint? = nil,
        label: JumpLabel? = nil, role: Role? = nil, scope: Scope = .machine, explain: Explain? = nil,
        action: @escaping @Sendable (inout World, StepContext) -> Flow
    ) {
        self.function = function; self.code = code; self.note = note; self.acquires = acquires
        self.failPoint = failPoint; self.label = label; self.role = role; self.scope = scope
        self.explain = explain; self.action = action; self.onlyLocks = false
    }

    /// A step that takes its lock `acquires` and does nothing else: the next step follows.
    ///
    /// About one step in four the explorer takes is such a step (`device_driver_attach`'s
    /// `device_lock`, every `mutex_lock(&group->mutex)`). Declared so, `Run.step` does its whole
    /// work in one write to the world, without a second uniqueness check or a call to an action
    /// (issue 14).
    static func locking(_ function: String, _ code: String, note: String, acquires: LockKind, label: JumpLabel? = nil,
                        scope: Scope, explain: Explain? = nil) -> Step {
        Step(function, code, note: note, acquires: acquires, failPoint: nil, label: label, role: nil, scope: scope,
             explain: explain, action: { _, _ in .next }, onlyLocks: true)
    }

    private init(_ function: String, _ code: String, note: String, acquires: LockKind?, failPoint: FailPoint?, label: JumpLabel?,
                 role: Role?, scope: Scope, explain: Explain?, action: @escaping @Sendable (inout World, StepContext) -> Flow, onlyLocks: Bool) {
        self.function = function; self.code = code; self.note = note; self.acquires = acquires
        self.failPoint = failPoint; self.label = label; self.role = role; self.scope = scope
        self.explain = explain; self.action = action; self.onlyLocks = onlyLocks
    }

    /// `function: code`, the spelling traces use.
    public var title: String { "\(function): \(code)" }

    /// The same step with another jump label: a hook reused on two paths needs one label per path.
    func labelled(_ label: JumpLabel?) -> Step {
        Step(function, code, note: note, acquires: acquires, failPoint: failPoint, label: label, role: role, scope: scope, explain: explain,
             action: action, onlyLocks: onlyLocks)
    }
}

/// The part of the world a step may touch (read, write, or lock), besides its own thread's record.
///
/// Steps whose scopes are disjoint commute, which is what partial-order reduction relies on; an
/// undeclared scope is `.machine`, which commutes with nothing, so forgetting one costs speed, not
/// soundness. Sibling reads done without a lock (VFIO's viability scan, Robin's release scan) count.
public enum Scope: Sendable, Hashable {
    /// Only the operation's own device record (driver, `device_lock`, phase).
    case device
    /// As `device`, and it may start or stop the device's DMA, which `isolation` judges against the group.
    case deviceDMA
    /// Only the operation's group record (mutex, owner, count, domain).
    case group
    /// The group record and every member device's record (a scan of the siblings' drivers).
    case groupAndMembers
    /// The group record and, of its members, only what VFIO's front end reads: whether a member
    /// is bound to a VFIO driver and whether one is bound to an iommufd context
    /// (`vfio_group_fops_open`). A kernel driver's bind or unbind on a sibling cannot change
    /// either, so it commutes with this step; `.groupAndMembers` would make every bind in the
    /// group conflict with every VFIO claim and cost the reduction nearly all it saves.
    case groupAndVFIOMembers
    /// As `deviceDMA`, and it reads the group's front-end record (vfio-pci's `remove()` waits
    /// for the user holding the group).
    case deviceDMAAndGroup
    /// Anything at all (a `BUG_ON` stops every thread).
    case machine
}

/// What a step waits for before it runs: a lock of the operation's own device or group, a named
/// sibling's device lock, or the user holding the operation's device.
public enum LockKind: Sendable, Hashable {
    case deviceLock
    case groupMutex
    /// `device_lock(tmp)` of device `tmp`, another member of the operation's group: only a scan
    /// that locks its siblings (the `robin-locked` variant) takes a lock that is not its own.
    case siblingLock(Int)
    /// A VFIO driver's `remove()` sleeps in `vfio_unregister_group_dev` until the user holding the
    /// device lets go; for any other driver the step does not wait. Nothing is taken.
    case userLetGo
}

/// What a step's action sees besides the world: who runs it and which branch of a choice was taken.
public struct StepContext: Sendable {
    public let thread: Int
    /// True when the scheduler chose the failure branch at this step's `failPoint`.
    public let failed: Bool
}

/// A step other steps jump to: the few exits the kernel's paths share (`goto unwind;` and the
/// like). A closed set rather than strings, so a jump costs no string compare and `Flow` stays a
/// plain value the explorer's millions of steps copy for free.
public enum JumpLabel: Sendable, Hashable {
    /// A failed probe's unwinding (`really_probe`'s error exits).
    case unwind
    /// The scheme's `dma_cleanup` when it runs after `dev->driver` is cleared.
    case cleanup
    /// The end of an unbind that found nothing more to release.
    case out
}

/// Where a thread goes after a step.
public enum Flow: Sendable, Equatable {
    case next
    case goto(JumpLabel)
    case finish(Errno)
    /// The machine stopped inside this step (`BUG_ON`): the thread stays where it is, unfinished.
    case halt
}

/// A thread's whole program: the steps of one operation under one scheme.
public struct Program: Sendable {
    public let steps: [Step]
    /// Per step: whether the scheduler may choose the failure branch there (the driver's `may_fail`).
    public let canFail: [Bool]
    /// The labelled steps. A program has a handful of labels, and a linear scan is cheaper than
    /// hashing the label on every `goto` the explorer takes.
    private let labels: [(label: JumpLabel, index: Int)]

    public init(_ steps: [Step], mayFail: Set<FailPoint> = []) {
        self.steps = steps
        self.canFail = steps.map { $0.failPoint.map(mayFail.contains) ?? false }
        var labels: [(label: JumpLabel, index: Int)] = []
        for (i, s) in steps.enumerated() {
            guard let l = s.label else { continue }
            precondition(!labels.contains { $0.label == l }, "two steps labelled \(l)")
            labels.append((l, i))
        }
        self.labels = labels
    }

    /// The index of the step labelled `label`; a missing label is a bug in a scheme.
    public func index(of label: JumpLabel) -> Int {
        guard let pc = target(of: label) else { preconditionFailure("no step labelled \(label)") }
        return pc
    }

    /// The index of the step labelled `label`, nil when no step is.
    func target(of label: JumpLabel) -> Int? {
        labels.first { $0.label == label }?.index
    }
}

extension World {
    /// Records a `WARN_ON()` at `site`; the first site to fire is kept for the message.
    public mutating func warn(_ site: WarnSite) {
        if !flags.contains(.warned) { firstWarning = site }
        flags.insert(.warned)
    }
    /// Records a `BUG_ON()`: no thread runs after this.
    public mutating func bugOn() { flags.insert(.bugOn) }
}
