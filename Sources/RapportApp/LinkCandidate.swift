import CRMCore

/// A record the composer's email could be linked to, found from what was typed after C-t.
public struct LinkCandidate: Equatable, Sendable {
    public let link: RecordLink
    /// The record's name ("Acme renewal").
    public let name: String

    /// What the record is, for people: "deal", "company" or "contact".
    var kind: String {
        switch link {
        case .contact: return "contact"
        case .company: return "company"
        case .deal: return "deal"
        }
    }

    /// "Acme renewal (deal)", as the composer shows it.
    var title: String { "\(name) (\(kind))" }
}
