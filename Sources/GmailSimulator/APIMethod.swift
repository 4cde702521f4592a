/// The API methods the simulator answers, and its OAuth endpoints: its own list, not GmailAPI's
/// `GmailMethod` (decision 27). `Route` finds them from the HTTP method and path, so unlike the
/// client's they carry no discovery IDs.
public enum APIMethod: Sendable, Hashable {
    case getProfile
    case messagesList, messagesGet, messagesSend, messagesModify, messagesBatchModify
    case messagesTrash, messagesUntrash, messagesDelete
    case attachmentsGet
    case historyList
    case labelsList, labelsGet
    case threadsGet
    /// The batch envelope itself (its parts are logged and charged as their own methods).
    case batch
    /// POST /token, GET /o/oauth2/v2/auth and POST /revoke.
    case token, consent, revoke

    /// Scopes any one of which allows the method (gmail-api.md §1); empty for the OAuth endpoints.
    var allowedScopes: Set<String> {
        let all = "https://mail.google.com/"
        let prefix = "https://www.googleapis.com/auth/gmail."
        func scopes(_ names: String...) -> Set<String> { Set([all] + names.map { prefix + $0 }) }
        switch self {
        case .getProfile: return scopes("modify", "readonly", "metadata", "compose")
        case .messagesList, .messagesGet, .historyList, .threadsGet: return scopes("modify", "readonly", "metadata")
        case .attachmentsGet: return scopes("modify", "readonly")
        case .messagesSend: return scopes("modify", "compose", "send")
        case .messagesModify, .messagesBatchModify, .messagesTrash, .messagesUntrash: return scopes("modify")
        case .messagesDelete: return [all]
        case .labelsList, .labelsGet: return scopes("modify", "readonly", "metadata", "labels")
        case .batch, .token, .consent, .revoke: return []
        }
    }
}

/// Which per-method quota costs apply (gmail-api.md §11).
public enum CostTable: Sendable, Equatable {
    /// The legacy table: messages.get 5, threads.get 10.
    case legacy
    /// Projects created from 2026-05-01: messages.get 20, threads.get 40, the rest as legacy.
    case y2026

    /// Quota units one call of `method` costs.
    public func cost(of method: APIMethod) -> Int {
        switch method {
        case .getProfile, .labelsList, .labelsGet: return 1
        case .historyList: return 2
        case .messagesList, .attachmentsGet, .messagesModify, .messagesTrash, .messagesUntrash: return 5
        case .messagesGet: return self == .legacy ? 5 : 20
        case .threadsGet: return self == .legacy ? 10 : 40
        case .messagesDelete: return 10
        case .messagesBatchModify: return 50
        case .messagesSend: return 100
        case .batch, .token, .consent, .revoke: return 0
        }
    }
}
