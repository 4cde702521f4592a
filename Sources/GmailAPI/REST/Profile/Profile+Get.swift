import Foundation

extension REST.Profile {
    /// `GET gmail/v1/users/me/profile`: the address, totals and current history ID (1 unit).
    public struct Get: GmailRequest {
        public typealias Response = GmailProfile

        public init() {}

        public var method: GmailMethod { .getProfile }
        public var path: String { "\(REST.usersMe)/profile" }
    }
}
