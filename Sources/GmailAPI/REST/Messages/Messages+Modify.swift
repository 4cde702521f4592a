import Foundation

extension REST.Messages {
    /// `POST gmail/v1/users/me/messages/{id}/modify`: adds and removes labels (5 units).
    public struct Modify: GmailRequest {
        public typealias Response = GmailMessage

        public var id: String
        /// Up to 100 label IDs to add.
        public var addLabelIDs: [String]
        /// Up to 100 label IDs to remove (`UNREAD` marks read, `INBOX` archives).
        public var removeLabelIDs: [String]

        public init(id: String, add addLabelIDs: [String] = [], remove removeLabelIDs: [String] = []) {
            self.id = id
            self.addLabelIDs = addLabelIDs
            self.removeLabelIDs = removeLabelIDs
        }

        public var method: GmailMethod { .messagesModify }
        public var httpMethod: String { "POST" }
        public var path: String { "\(REST.usersMe)/messages/\(REST.segment(id))/modify" }

        public var body: RequestBody? {
            RequestBody(contentType: "application/json; charset=UTF-8",
                        data: JSONBody.encode(ModifyMessageRequest(addLabelIds: addLabelIDs, removeLabelIds: removeLabelIDs)))
        }
    }
}

/// The JSON body of messages.modify (schema `ModifyMessageRequest`).
private struct ModifyMessageRequest: Encodable {
    let addLabelIds: [String]
    let removeLabelIds: [String]
}
