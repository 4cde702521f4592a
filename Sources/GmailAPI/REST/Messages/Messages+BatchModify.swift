import Foundation

extension REST.Messages {
    /// `POST gmail/v1/users/me/messages/batchModify`: the same labels added to and removed from up to
    /// 1,000 messages (50 units). Gmail answers 204 with no body; ids it does not hold are reportedly
    /// passed over (not documented).
    public struct BatchModify: GmailRequest {
        public typealias Response = Void

        /// The most ids one call takes.
        public static let maximumIDs = 1_000

        public var ids: [String]
        public var addLabelIDs: [String]
        public var removeLabelIDs: [String]

        public init(ids: [String], add addLabelIDs: [String] = [], remove removeLabelIDs: [String] = []) {
            self.ids = ids
            self.addLabelIDs = addLabelIDs
            self.removeLabelIDs = removeLabelIDs
        }

        public var method: GmailMethod { .messagesBatchModify }
        public var httpMethod: String { "POST" }
        public var path: String { "\(REST.usersMe)/messages/batchModify" }

        public var body: RequestBody? {
            RequestBody(contentType: "application/json; charset=UTF-8",
                        data: JSONBody.encode(BatchModifyMessagesRequest(ids: ids, addLabelIds: addLabelIDs,
                                                                         removeLabelIds: removeLabelIDs)))
        }

        /// Any 2xx is success; the body, normally empty, is not read.
        public func decode(_ response: HTTPResponse) throws(GmailError) {}
    }
}

/// The JSON body of messages.batchModify (schema `BatchModifyMessagesRequest`).
private struct BatchModifyMessagesRequest: Encodable {
    let ids: [String]
    let addLabelIds: [String]
    let removeLabelIds: [String]
}
