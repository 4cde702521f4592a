/// Gmail's system labels and the user labels of one mailbox.
enum SystemLabel {
    static let all = ["CHAT", "SENT", "INBOX", "IMPORTANT", "TRASH", "DRAFT", "SPAM", "CATEGORY_FORUMS",
                      "CATEGORY_UPDATES", "CATEGORY_PERSONAL", "CATEGORY_PROMOTIONS", "CATEGORY_SOCIAL",
                      "STARRED", "UNREAD"]
    static let set = Set(all)
    /// Labels the API will not let a client add or remove by hand.
    static let fixed: Set<String> = ["SENT", "DRAFT", "CHAT"]

    /// labels.list / labels.get for a system label.
    static func json(_ id: String, counts: [(String, JSON)] = []) -> JSON {
        var members: [(String, JSON)] = [("id", .string(id)), ("name", .string(id))]
        if id == "INBOX" {
            members += [("messageListVisibility", .string("hide")), ("labelListVisibility", .string("labelShow"))]
        }
        return .object(members + [("type", .string("system"))] + counts)
    }
}

/// A label the user made (or a Maildir folder became).
struct UserLabel: Sendable {
    let id: String
    let name: String

    func json(counts: [(String, JSON)] = []) -> JSON {
        .object([("id", .string(id)), ("name", .string(name)), ("messageListVisibility", .string("show")),
                 ("labelListVisibility", .string("labelShow")), ("type", .string("user"))] + counts)
    }
}
