import Foundation

/// One header field of a message part, as Gmail returns it (schema `MessagePartHeader`).
public struct GmailHeader: Sendable, Hashable, Decodable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        name = try json.string("name")
        value = try json.string("value")
    }
}
