import Foundation
import LoopbackHTTP
import MailFormat

/// users.getProfile, messages.*, threads.get and labels.*.
extension GmailSimulator {
    func profile(account: String) -> Reply {
        state.withLock { state in
            guard let mailbox = state.mailboxes[account] else { return .error(.notFound) }
            return .json(.object([
                ("emailAddress", .string(mailbox.email)),
                ("messagesTotal", .number(mailbox.messages.count)),
                ("threadsTotal", .number(mailbox.threadCount)),
                ("historyId", .string(String(mailbox.historyID))),
            ]))
        }
    }

    func listMessages(_ request: ServerRequest, account: String) -> Reply {
        let pageSize: Int
        switch RequestValues.pageSize(request, default: 100, maximum: 500) {
        case .success(let size): pageSize = size
        case .failure(let error): return .error(error)
        }
        var resumeAfter: (date: Int64, id: String)?
        if let token = request.queryValue("pageToken"), !token.isEmpty {
            guard let parts = PageToken.read(token), parts.count == 3, parts[0] == "list",
                  let date = Int64(parts[1]) else { return .error(.invalidPageToken) }
            resumeAfter = (date, parts[2])
        }
        let labelIDs = request.queryValues("labelIds")
        let includeSpamTrash = request.queryValue("includeSpamTrash")?.lowercased() == "true"
        let snapshot = state.withLock { state in
            state.mailboxes[account].map { (Array($0.messages.values), $0.userLabels) }
        }
        guard let (all, userLabels) = snapshot else { return .error(.notFound) }
        let context = SimulatedSearchQuery.Context(account: account, now: Date()) { name in
            userLabels.first { $0.id == name || SearchLabel.matches($0.name, name) }?.id
        }
        let query = SimulatedSearchQuery.parse(request.queryValue("q") ?? "", context: context)
        let hideSpamTrash = !includeSpamTrash && !query.reachesSpamOrTrash
        let matching = all.filter { message in
            labelIDs.allSatisfy(message.labelIDs.contains)
                && !(hideSpamTrash && (message.labelIDs.contains("SPAM") || message.labelIDs.contains("TRASH")))
                && query.matches(message)
        }.sorted(by: MessageOrder.newestFirst)
        var remaining = matching[...]
        if let resumeAfter {
            remaining = matching.drop { !MessageOrder.comes($0, after: resumeAfter) }
        }
        let page = remaining.prefix(pageSize)
        let next = remaining.count > page.count ? page.last.map {
            PageToken.make(["list", String($0.internalDate), $0.id])
        } : nil
        return .json(.compactObject([
            ("messages", .array(page.map { .object([("id", .string($0.id)), ("threadId", .string($0.threadID))]) })),
            ("nextPageToken", next.map { .string($0) }),
            ("resultSizeEstimate", .number(matching.count)),
        ]))
    }

    func getMessage(_ request: ServerRequest, id: String, account: String) -> Reply {
        guard RequestValues.isWellFormedID(id) else { return .error(.invalidID) }
        guard let format = MessageResource.Format(query: request.queryValue("format")) else {
            return .error(.invalidArgument("Invalid value at 'format' (type.googleapis.com/google.apps.gmail.v1.Format), "
                + "\"\(request.queryValue("format") ?? "")\""))
        }
        let found = state.withLock { state -> (StoredMessage, UInt64)? in
            guard let stored = state.mailboxes[account]?.message(id) else { return nil }
            return (stored, state.configuration.rotateAttachmentIDs ? state.random.next() : 0)
        }
        guard let (stored, nonce) = found else { return .error(.notFound) }
        return .json(MessageResource.json(stored, format: format, metadataHeaders: request.queryValues("metadataHeaders"),
                                          attachmentNonce: nonce))
    }

    func getAttachment(messageID: String, attachmentID: String, account: String) -> Reply {
        guard RequestValues.isWellFormedID(messageID) else { return .error(.invalidID) }
        guard let partID = AttachmentID.partID(of: attachmentID) else {
            return .error(.invalidArgument("Invalid attachment token"))
        }
        guard let stored = state.withLock({ $0.mailboxes[account]?.message(messageID) }),
              let part = MessageResource.leaf(stored.content.message.root, partID: partID),
              MessageResource.isAttachment(part) else { return .error(.notFound) }
        let bytes = part.decodedBody
        return .json(.object([("size", .number(bytes.count)), ("data", .string(Base64.encodeURLSafe(bytes)))]))
    }

    func modify(_ request: ServerRequest, id: String, account: String) -> Reply {
        guard RequestValues.isWellFormedID(id) else { return .error(.invalidID) }
        let object: [String: Any]
        switch RequestValues.object(request.body) {
        case .success(let value): object = value
        case .failure(let error): return .error(error)
        }
        guard let add = RequestValues.strings(object, "addLabelIds"),
              let remove = RequestValues.strings(object, "removeLabelIds") else {
            return .error(.parseError("Invalid value for addLabelIds or removeLabelIds."))
        }
        return state.withLock { state -> Reply in
            let outcome = state.withMailbox(account) { mailbox, random, retention -> Result<StoredMessage?, APIError> in
                if let problem = Self.labelProblem(add: add, remove: remove, in: mailbox) { return .failure(problem) }
                return .success(mailbox.changeLabels(of: id, add: add, remove: remove, random: &random, retention: retention))
            }
            switch outcome {
            case .success(let changed?)?: return .json(MessageResource.brief(changed))
            case .failure(let problem)?: return .error(problem)
            default: return .error(.notFound)
            }
        }
    }

    func batchModify(_ request: ServerRequest, account: String) -> Reply {
        let object: [String: Any]
        switch RequestValues.object(request.body) {
        case .success(let value): object = value
        case .failure(let error): return .error(error)
        }
        guard let ids = RequestValues.strings(object, "ids"), let add = RequestValues.strings(object, "addLabelIds"),
              let remove = RequestValues.strings(object, "removeLabelIds") else {
            return .error(.parseError("Invalid value for ids, addLabelIds or removeLabelIds."))
        }
        guard !ids.isEmpty else { return .error(.invalidArgument("No message ids specified.")) }
        guard ids.count <= 1000 else { return .error(.invalidArgument("Too many ids specified (max 1000).")) }
        guard ids.allSatisfy(RequestValues.isWellFormedID) else { return .error(.invalidID) }
        return state.withLock { state -> Reply in
            let problem = state.withMailbox(account) { mailbox, random, retention -> APIError? in
                if let problem = Self.labelProblem(add: add, remove: remove, in: mailbox) { return problem }
                for id in ids {
                    mailbox.changeLabels(of: id, add: add, remove: remove, random: &random, retention: retention)
                }
                return nil
            }
            switch problem {
            case .none: return .error(.notFound)
            case .some(.some(let error)): return .error(error)
            case .some(.none): return .noContent
            }
        }
    }

    /// 400 for labels a client may not set: unknown ones, SENT/DRAFT/CHAT, more than 100.
    static func labelProblem(add: [String], remove: [String], in mailbox: SimulatedMailbox) -> APIError? {
        if add.count > 100 || remove.count > 100 {
            return .invalidArgument("Too many labels specified (max 100).")
        }
        for label in add + remove where !mailbox.isKnownLabel(label) || SystemLabel.fixed.contains(label) {
            return .invalidArgument("Invalid label: \(label)")
        }
        return nil
    }

    func trashCall(id: String, account: String, untrash: Bool) -> Reply {
        guard RequestValues.isWellFormedID(id) else { return .error(.invalidID) }
        let changed = state.withLock { state in
            state.withMailbox(account) { mailbox, random, retention in
                untrash ? mailbox.untrash(id, random: &random, retention: retention)
                    : mailbox.trash(id, random: &random, retention: retention)
            } ?? nil
        }
        guard let changed else { return .error(.notFound) }
        return .json(MessageResource.brief(changed))
    }

    func deleteCall(id: String, account: String) -> Reply {
        guard RequestValues.isWellFormedID(id) else { return .error(.invalidID) }
        let deleted = state.withLock { state in
            state.withMailbox(account) { mailbox, random, retention in mailbox.delete(id, random: &random, retention: retention) }
        }
        return deleted == true ? .noContent : .error(.notFound)
    }

    func getThread(_ request: ServerRequest, id: String, account: String) -> Reply {
        guard RequestValues.isWellFormedID(id) else { return .error(.invalidID) }
        guard let format = MessageResource.Format(query: request.queryValue("format")), format != .raw else {
            return .error(.invalidArgument("Invalid value at 'format' (type.googleapis.com/google.apps.gmail.v1.Format), "
                + "\"\(request.queryValue("format") ?? "")\""))
        }
        let found = state.withLock { state -> ([StoredMessage], UInt64)? in
            guard let mailbox = state.mailboxes[account] else { return nil }
            let messages = mailbox.messages.values.filter { $0.threadID == id }
            return (Array(messages), state.configuration.rotateAttachmentIDs ? state.random.next() : 0)
        }
        guard let (messages, nonce) = found, !messages.isEmpty else { return .error(.notFound) }
        let ordered = messages.sorted { MessageOrder.newestFirst($1, $0) }
        let headers = request.queryValues("metadataHeaders")
        return .json(.object([
            ("id", .string(id)),
            ("historyId", .string(String(ordered.map(\.historyID).max() ?? 0))),
            ("messages", .array(ordered.map {
                MessageResource.json($0, format: format, metadataHeaders: headers, attachmentNonce: nonce)
            })),
        ]))
    }

    func listLabels(account: String) -> Reply {
        state.withLock { state in
            guard let mailbox = state.mailboxes[account] else { return .error(.notFound) }
            let labels = SystemLabel.all.map { SystemLabel.json($0) } + mailbox.userLabels.map { $0.json() }
            return .json(.object([("labels", .array(labels))]))
        }
    }

    func getLabel(id: String, account: String) -> Reply {
        state.withLock { state in
            guard let mailbox = state.mailboxes[account] else { return .error(.notFound) }
            let carrying = mailbox.messages.values.filter { $0.labelIDs.contains(id) }
            let unread = carrying.filter { $0.labelIDs.contains("UNREAD") }
            let counts: [(String, JSON)] = [
                ("messagesTotal", .number(carrying.count)),
                ("messagesUnread", .number(unread.count)),
                ("threadsTotal", .number(Set(carrying.map(\.threadID)).count)),
                ("threadsUnread", .number(Set(unread.map(\.threadID)).count)),
            ]
            if SystemLabel.set.contains(id) { return .json(SystemLabel.json(id, counts: counts)) }
            guard let label = mailbox.userLabels.first(where: { $0.id == id }) else { return .error(.notFound) }
            return .json(label.json(counts: counts))
        }
    }
}

/// Gmail's label: search ignores case and treats "-", "/" and " " alike ("label:customers-acme").
enum SearchLabel {
    static func matches(_ name: String, _ query: String) -> Bool {
        normalize(name) == normalize(query)
    }

    private static func normalize(_ text: String) -> String {
        String(text.lowercased().map { $0 == "/" || $0 == " " || $0 == "_" ? "-" : $0 })
    }
}
