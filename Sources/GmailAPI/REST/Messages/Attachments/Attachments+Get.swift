import Foundation

extension REST.Messages.Attachments {
    /// `GET gmail/v1/users/me/messages/{messageId}/attachments/{id}`: an attachment's bytes (5 units).
    public struct Get: GmailRequest {
        public typealias Response = GmailMessagePartBody

        public var messageID: String
        /// A fresh ID from the part's `body.attachmentID`; it changes on every fetch of the message.
        public var attachmentID: String

        public init(messageID: String, attachmentID: String) {
            self.messageID = messageID
            self.attachmentID = attachmentID
        }

        public var method: GmailMethod { .attachmentsGet }
        public var path: String {
            "\(REST.usersMe)/messages/\(REST.segment(messageID))/attachments/\(REST.segment(attachmentID))"
        }
    }
}
