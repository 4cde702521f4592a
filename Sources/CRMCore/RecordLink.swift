/// What an outgoing email is about: a contact, a company or a deal.
public enum RecordLink: Sendable, Hashable, CustomStringConvertible {
    case contact(Int64)
    case company(Int64)
    case deal(Int64)

    /// Reads "contact:3", "company:12" or "deal:7".
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = Int64(parts[1]), id > 0 else { return nil }
        switch parts[0].lowercased() {
        case "contact": self = .contact(id)
        case "company": self = .company(id)
        case "deal": self = .deal(id)
        default: return nil
        }
    }

    /// Builds a link from its stored parts.
    public init?(type: String, id: Int64) {
        self.init("\(type):\(id)")
    }

    public var type: String {
        switch self {
        case .contact: return "contact"
        case .company: return "company"
        case .deal: return "deal"
        }
    }

    public var id: Int64 {
        switch self {
        case .contact(let id), .company(let id), .deal(let id): return id
        }
    }

    public var description: String { "\(type):\(id)" }
}
