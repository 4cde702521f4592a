import Foundation

extension REST.History {
    /// `GET gmail/v1/users/me/history`: the changes after a history ID, one page (2 units).
    /// A 404 means the cursor is too old: `.historyExpired`, do a full sync.
    public struct List: GmailRequest {
        public typealias Response = GmailListHistoryResponse

        /// Records after this ID are returned.
        public var startHistoryID: UInt64
        /// Only these kinds of record; empty means all.
        public var types: [GmailHistoryType]
        /// Only records touching messages with this label.
        public var labelID: String?
        /// 1…500; Gmail's default is 100.
        public var maxResults: Int?
        public var pageToken: String?

        public init(startHistoryID: UInt64, types: [GmailHistoryType] = [], labelID: String? = nil,
                    maxResults: Int? = nil, pageToken: String? = nil) {
            self.startHistoryID = startHistoryID
            self.types = types
            self.labelID = labelID
            self.maxResults = maxResults
            self.pageToken = pageToken
        }

        public var method: GmailMethod { .historyList }
        public var path: String { "\(REST.usersMe)/history" }

        public var queryItems: [URLQueryItem] {
            var items = [URLQueryItem(name: "startHistoryId", value: String(startHistoryID))]
            items += types.map { URLQueryItem(name: "historyTypes", value: $0.rawValue) }
            if let labelID, !labelID.isEmpty { items.append(URLQueryItem(name: "labelId", value: labelID)) }
            items += REST.paging(maxResults: maxResults, pageToken: pageToken)
            return items
        }
    }
}
