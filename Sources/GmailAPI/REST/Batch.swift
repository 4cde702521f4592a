import Foundation

extension REST {
    /// An HTTP batch: several calls in one `multipart/mixed` POST to `batch/gmail/v1`, each part an
    /// `application/http` request with its own Content-ID. Each call still costs its own quota.
    public struct Batch: Sendable {
        /// Gmail refuses more than this many parts.
        public static let maximumParts = 100
        /// What we send per batch: Gmail starts answering 429 "Too many concurrent requests" well
        /// below 100 (gmail-api.md §9).
        public static let recommendedParts = 25
        /// The batch endpoint under the API base.
        public static let path = "batch/gmail/v1"

        /// One call inside a batch.
        public struct Part: Sendable, Equatable {
            /// Our ID for the call; the answer comes back as `<response-ID>`.
            public var contentID: String
            public var httpMethod: String
            /// Path and query as on a request line: "/gmail/v1/users/me/messages/ID?format=full".
            public var target: String
            public var body: RequestBody?

            public init(contentID: String, httpMethod: String = "GET", target: String, body: RequestBody? = nil) {
                self.contentID = contentID
                self.httpMethod = httpMethod
                self.target = target
                self.body = body
            }
        }

        public let parts: [Part]
        public let boundary: String

        /// A batch of these parts; `boundary` nil picks a random one.
        public init(parts: [Part], boundary: String? = nil) {
            self.parts = parts
            self.boundary = boundary ?? "batch_rapport_" + REST.randomHex(12)
        }

        /// A batch of typed requests under `base`, Content-IDs given by `contentID(index)`.
        init<Request: GmailRequest>(requests: [Request], base: URL, contentID: (Int) -> String) throws(GmailError) {
            var parts: [Part] = []
            for (index, request) in requests.enumerated() {
                let url = try request.url(base: base)
                parts.append(Part(contentID: contentID(index), httpMethod: request.httpMethod,
                                  target: APIAddress.target(of: url), body: request.body))
            }
            self.init(parts: parts)
        }

        /// The `multipart/mixed` body, with its Content-Type.
        public var body: RequestBody {
            var data = Data()
            for part in parts {
                var text = "--\(boundary)\r\n"
                text += "Content-Type: application/http\r\n"
                text += "Content-ID: <\(part.contentID)>\r\n\r\n"
                text += "\(part.httpMethod) \(part.target)\r\n"
                if let body = part.body {
                    text += "Content-Type: \(body.contentType)\r\n"
                    text += "Content-Length: \(body.data.count)\r\n\r\n"
                    data.append(Data(text.utf8))
                    data.append(body.data)
                    data.append(Data("\r\n".utf8))
                } else {
                    text += "\r\n\r\n"
                    data.append(Data(text.utf8))
                }
            }
            data.append(Data("--\(boundary)--\r\n".utf8))
            return RequestBody(contentType: "multipart/mixed; boundary=\(boundary)", data: data)
        }
    }
}
