import Foundation

/// The answer of `labels.list`: every label, without counts (there is no paging).
public struct ListLabelsResponse: Sendable, Equatable, Decodable {
    public var labels: [Label]

    public init(labels: [Label] = []) {
        self.labels = labels
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        labels = try json.array("labels", of: Label.self)
    }
}
