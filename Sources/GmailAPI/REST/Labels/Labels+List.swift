import Foundation

extension REST.Labels {
    /// `GET gmail/v1/users/me/labels`: every label, without counts; no paging (1 unit).
    public struct List: GmailRequest {
        public typealias Response = GmailListLabelsResponse

        public init() {}

        public var method: GmailMethod { .labelsList }
        public var path: String { "\(REST.usersMe)/labels" }
    }
}
