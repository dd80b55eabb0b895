/// Semantic roles: what a cell means, never how it looks. Themes map roles to colours and
/// attributes, so state is carried by glyphs and words first and colour only reinforces it.
public enum Role: String, CaseIterable, Sendable, Hashable, Codable {
    case text, dimText, title
    case border, borderFocused
    case selection
    case threadRunnable, threadBlocked, threadDone, threadFailed
    case resultOK, resultErrno
    case ownerKernel, ownerUser, ownerNone
    case domainDefault, domainBlocking, domainUser, domainNone
    case dmaActive, lockHeld
    case changed
    case robinCase
    case violation
    case statusBar
    case help

    /// One letter per role for the style-role grid of snapshot tests.
    public var letter: Character {
        switch self {
        case .text: "."
        case .dimText: "d"
        case .title: "T"
        case .border: "b"
        case .borderFocused: "B"
        case .selection: "S"
        case .threadRunnable: "r"
        case .threadBlocked: "k"
        case .threadDone: "o"
        case .threadFailed: "f"
        case .resultOK: "0"
        case .resultErrno: "E"
        case .ownerKernel: "K"
        case .ownerUser: "U"
        case .ownerNone: "n"
        case .domainDefault: "D"
        case .domainBlocking: "X"
        case .domainUser: "u"
        case .domainNone: "N"
        case .dmaActive: "M"
        case .lockHeld: "L"
        case .changed: "C"
        case .robinCase: "R"
        case .violation: "V"
        case .statusBar: "s"
        case .help: "h"
        }
    }
}
