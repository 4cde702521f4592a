/// What a piece of the screen means; a `Theme` turns each role into colours and attributes, so
/// panes never name a colour.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case normal
    case dim
    case title
    case heading
    case border
    case selection
    /// The selected row of a pane that does not have the focus.
    case selectionInactive
    case statusLine
    case statusError
    case statusBusy
    case key
    case input
    case inputFocused
    case placeholder
    case link
    case unread
    case incoming
    case outgoing
    case note
    case outboxDraft
    case outboxQueued
    case outboxSending
    case outboxSent
    case outboxFailed
    case warning
    case error
    case success
    case sparkline
    case quote
    case progress
    case overlay

    /// The name used in theme files: `outboxFailed` is written `outbox.failed`.
    public var themeName: String {
        var result = ""
        for character in rawValue {
            if character.isUppercase {
                result += "." + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
