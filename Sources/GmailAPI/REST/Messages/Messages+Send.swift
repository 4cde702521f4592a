import Foundation
import MailFormat

extension REST.Messages {
    /// `POST gmail/v1/users/me/messages/send`: sends an RFC 822 message (100 units). Small mail goes
    /// as JSON `{"raw", "threadId"}`; big mail as a multipart upload
    /// (`upload/gmail/v1/users/me/messages/send?uploadType=multipart`) so it is not inflated by base64.
    ///
    /// Sending is not idempotent: never repeat a send after a timeout without first looking for the
    /// message in SENT (`rfc822msgid:`).
    public struct Send: GmailRequest {
        public typealias Response = GmailMessage

        /// How the message travels.
        public enum Form: Sendable, Equatable {
            /// `{"raw": base64url, "threadId": …}` to the ordinary method path.
            case json
            /// `multipart/related`: a JSON part with `threadId` and a `message/rfc822` part.
            case multipartUpload
        }

        /// Raw messages larger than this many bytes use the upload form.
        public static let defaultUploadThreshold = 5 * 1024 * 1024
        /// The discovery document's `maxSize` for send: 35 MiB.
        public static let maximumSize = 36_700_160

        public let threadID: String?
        public let form: Form
        /// The size of the raw message in bytes.
        public let size: Int
        public let body: RequestBody?

        /// Builds the request; refuses a message over Gmail's 35 MiB limit (`.permanent`) or an empty one.
        public init(raw: [UInt8], threadID: String? = nil, uploadThreshold: Int = Send.defaultUploadThreshold) throws(GmailError) {
            guard !raw.isEmpty else { throw .permanent("messages.send: the message is empty") }
            guard raw.count <= Self.maximumSize else {
                throw .permanent("messages.send: the message is \(raw.count / 1_048_576) MB; Gmail takes at most 35 MB")
            }
            let thread = threadID.flatMap { $0.isEmpty ? nil : $0 }
            self.threadID = thread
            self.size = raw.count
            if raw.count > uploadThreshold {
                form = .multipartUpload
                body = Self.multipartBody(raw: raw, threadID: thread)
            } else {
                form = .json
                // base64url with padding, as the discovery's `format: byte` fields are.
                body = RequestBody(contentType: "application/json; charset=UTF-8",
                                   data: JSONBody.encode(SendJSON(raw: Base64.encodeURLSafe(raw), threadId: thread)))
            }
        }

        public var method: GmailMethod { .messagesSend }
        public var httpMethod: String { "POST" }

        public var path: String {
            switch form {
            case .json: return "\(REST.usersMe)/messages/send"
            case .multipartUpload: return "upload/\(REST.usersMe)/messages/send"
            }
        }

        public var queryItems: [URLQueryItem] {
            form == .multipartUpload ? [URLQueryItem(name: "uploadType", value: "multipart")] : []
        }

        private static func multipartBody(raw: [UInt8], threadID: String?) -> RequestBody {
            let message = Data(raw)
            var boundary: String
            repeat {
                boundary = "rapport_upload_" + REST.randomHex(16)
            } while message.range(of: Data(boundary.utf8)) != nil
            let metadata = JSONBody.encode(UploadMetadata(threadId: threadID))
            var data = Data()
            data.reserveCapacity(raw.count + 512)
            data.append(Data("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".utf8))
            data.append(metadata)
            data.append(Data("\r\n--\(boundary)\r\nContent-Type: message/rfc822\r\n\r\n".utf8))
            data.append(message)
            data.append(Data("\r\n--\(boundary)--\r\n".utf8))
            return RequestBody(contentType: "multipart/related; boundary=\(boundary)", data: data)
        }
    }
}

/// The JSON body of the plain send form (a `Message` with only `raw` and `threadId`).
private struct SendJSON: Encodable {
    let raw: String
    let threadId: String?
}

/// The JSON part of the multipart upload form.
private struct UploadMetadata: Encodable {
    let threadId: String?
}
