import Foundation

extension REST.Messages {
    /// `GET gmail/v1/users/me/messages`: one page of message references, newest first (5 units).
    public struct List: GmailRequest {
        public typealias Response = GmailListMessagesResponse

        /// Gmail search syntax, e.g. "after:1715700000 -in:chats".
        public var query: String?
        /// Messages must carry all of these labels.
        public var labelIDs: [String]
        /// 1…500; Gmail's default is 100.
        public var maxResults: Int?
        public var pageToken: String?
        /// Include SPAM and TRASH (Gmail leaves them out by default).
        public var includeSpamTrash: Bool

        public init(query: String? = nil, labelIDs: [String] = [], maxResults: Int? = nil,
                    pageToken: String? = nil, includeSpamTrash: Bool = false) {
            self.query = query
            self.labelIDs = labelIDs
            self.maxResults = maxResults
            self.pageToken = pageToken
            self.includeSpamTrash = includeSpamTrash
        }

        public var method: GmailMethod { .messagesList }
        public var path: String { "\(REST.usersMe)/messages" }

        public var queryItems: [URLQueryItem] {
            var items: [URLQueryItem] = []
            if let query, !query.isEmpty { items.append(URLQueryItem(name: "q", value: query)) }
            items += labelIDs.map { URLQueryItem(name: "labelIds", value: $0) }
            items += REST.paging(maxResults: maxResults, pageToken: pageToken)
            if includeSpamTrash { items.append(URLQueryItem(name: "includeSpamTrash", value: "true")) }
            return items
        }
    }
}
