/// Challenge mode: like The Deadlock Empire, the learner is the scheduler and must find a
/// schedule that breaks an invariant before the explorer's verdict is shown.
public struct Challenge: Sendable, Equatable {
    /// The step (history position) at which the user first broke an invariant by hand; until
    /// then the explorer's results stay hidden.
    public var foundAt: Int?
    public init(foundAt: Int? = nil) { self.foundAt = foundAt }

    /// The verdict is still hidden.
    public var hidesVerdict: Bool { foundAt == nil }
}
