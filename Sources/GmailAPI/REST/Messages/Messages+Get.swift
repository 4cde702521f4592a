import Foundation

extension REST.Messages {
    /// `GET gmail/v1/users/me/messages/{id}`: one message in the chosen format (5 units; 20 in 2026).
    public struct Get: GmailRequest {
        public typealias Response = GmailMessage

        public var id: String
        public var format: GmailMessageFormat
        /// With `.metadata`: only these headers (names match in any case).
        public var metadataHeaders: [String]

        public init(id: String, format: GmailMessageFormat = .full, metadataHeaders: [String] = []) {
            self.id = id
            self.format = format
            self.metadataHeaders = metadataHeaders
        }

        public var method: GmailMethod { .messagesGet }
        public var path: String { "\(REST.usersMe)/messages/\(REST.segment(id))" }

        public var queryItems: [URLQueryItem] {
            var items = [URLQueryItem(name: "format", value: format.rawValue)]
            if format == .metadata {
                items += metadataHeaders.map { URLQueryItem(name: "metadataHeaders", value: $0) }
            }
            return items
        }
    }
}
