/// Where a request goes, worked out from its method and path alone.
enum Route: Sendable {
    case gmail(GmailCall)
    case batch
    case token
    case consent
    case revoke
    /// A resumable upload, which the simulator does not offer.
    case resumableUpload
    case notFound

    /// One Gmail API call: the method, the userId of the path and the ids after it.
    struct GmailCall: Sendable {
        let method: APIMethod
        let userID: String
        /// [messageId], [messageId, attachmentId], [labelId] or [threadId].
        let ids: [String]
        /// Came in on /upload/gmail/v1/… (the body is the message, not JSON).
        let upload: Bool
    }

    static func resolve(httpMethod: String, path: String) -> Route {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (httpMethod, parts) {
        case ("POST", ["token"]), ("POST", ["oauth2", "v4", "token"]): return .token
        case ("GET", ["o", "oauth2", "v2", "auth"]), ("GET", ["o", "oauth2", "auth"]): return .consent
        case ("POST", ["revoke"]), ("GET", ["revoke"]): return .revoke
        case ("POST", ["batch"]), ("POST", ["batch", "gmail", "v1"]): return .batch
        default: break
        }
        if parts.first == "resumable" { return .resumableUpload }
        var upload = false
        if parts.first == "upload" {
            upload = true
            parts.removeFirst()
        }
        guard parts.count >= 4, parts[0] == "gmail", parts[1] == "v1", parts[2] == "users" else { return .notFound }
        let userID = parts[3]
        let rest = Array(parts.dropFirst(4))
        func call(_ method: APIMethod, _ ids: [String] = []) -> Route {
            .gmail(GmailCall(method: method, userID: userID, ids: ids, upload: upload))
        }
        if upload {
            return httpMethod == "POST" && rest == ["messages", "send"] ? call(.messagesSend) : .notFound
        }
        switch (httpMethod, rest.count, rest.first) {
        case ("GET", 1, "profile"): return call(.getProfile)
        case ("GET", 1, "history"): return call(.historyList)
        case ("GET", 1, "labels"): return call(.labelsList)
        case ("GET", 2, "labels"): return call(.labelsGet, [rest[1]])
        case ("GET", 2, "threads"): return call(.threadsGet, [rest[1]])
        case ("GET", 1, "messages"): return call(.messagesList)
        case ("POST", 2, "messages") where rest[1] == "send": return call(.messagesSend)
        case ("POST", 2, "messages") where rest[1] == "batchModify": return call(.messagesBatchModify)
        case ("GET", 2, "messages"): return call(.messagesGet, [rest[1]])
        case ("DELETE", 2, "messages"): return call(.messagesDelete, [rest[1]])
        case ("POST", 3, "messages"):
            switch rest[2] {
            case "modify": return call(.messagesModify, [rest[1]])
            case "trash": return call(.messagesTrash, [rest[1]])
            case "untrash": return call(.messagesUntrash, [rest[1]])
            default: return .notFound
            }
        case ("GET", 4, "messages") where rest[2] == "attachments": return call(.attachmentsGet, [rest[1], rest[3]])
        default: return .notFound
        }
    }
}
