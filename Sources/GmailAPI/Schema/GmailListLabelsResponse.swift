import Foundation

/// The answer of `labels.list`: every label, without counts (there is no paging).
public struct GmailListLabelsResponse: Sendable, Equatable, Decodable {
    public var labels: [GmailLabel]

    public init(labels: [GmailLabel] = []) {
        self.labels = labels
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        labels = try json.array("labels", of: GmailLabel.self)
    }
}
