import Foundation

/// `[contacts] create`: whom mail makes contacts of: the people you write to (`sent`, the default),
/// also those who write to you (`sent_and_received`), or nobody (`none`).
public enum ContactCreation: String, Sendable, CaseIterable, Hashable {
    case sent
    case sentAndReceived = "sent_and_received"
    case none

    /// The setting when config.ini does not name one.
    public static let standard = ContactCreation.sent

    /// Whether mail going `direction` makes contacts.
    public func creates(_ direction: Direction) -> Bool {
        switch self {
        case .sent: return direction == .outgoing
        case .sentAndReceived: return true
        case .none: return false
        }
    }
}

extension Config {
    /// `[contacts] create`, or `ContactCreation.standard` when absent.
    /// - Throws: `CRMError` naming the line and the values allowed when it is none of them.
    public func contactCreation() throws -> ContactCreation {
        guard let text = self["contacts.create"] else { return .standard }
        guard let value = ContactCreation(rawValue: text.lowercased()) else {
            let shown = String(text.prefix(24).unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
                .map(Character.init))
            throw CRMError("[contacts] create = \(shown) is not a choice; use sent, sent_and_received or none, "
                           + "or remove the line for the default (sent)")
        }
        return value
    }
}
