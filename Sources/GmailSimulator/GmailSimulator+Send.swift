import Foundation
import LoopbackHTTP
import MailFormat

/// users.messages.send: the JSON form and the media and multipart upload forms (gmail-api.md §7).
extension GmailSimulator {
    func send(_ request: ServerRequest, upload: Bool, account: String) -> Reply {
        let submitted: (raw: [UInt8], threadID: String?)
        switch upload ? uploadedMessage(request) : jsonMessage(request) {
        case .success(let value): submitted = value
        case .failure(let error): return .error(error)
        }
        guard submitted.raw.count <= 36_700_160 else {
            return .error(APIError(code: 413, message: "Request payload size exceeds the limit: 36700160 bytes.",
                                   reason: "uploadTooLarge"))
        }
        let parsed = MessageContent(raw: submitted.raw)
        guard !parsed.recipients.isEmpty else { return .error(.recipientRequired) }
        let content = completed(parsed, account: account)
        let now = Date()
        return state.withLock { state -> Reply in
            // No local copy of the mailbox is kept: it would make the insert below copy every message.
            guard state.mailboxes[account] != nil else { return .error(.notFound) }
            if let limit = state.configuration.dailyRecipientLimit {
                let windowStart = now.addingTimeInterval(-86400)
                state.mailboxes[account]!.sentRecipients.removeAll { $0.date <= windowStart }
                let recent = state.mailboxes[account]!.sentRecipients
                let used = recent.reduce(0) { $0 + $1.count }
                if used + content.recipients.count > limit {
                    // Sending opens again when enough of the oldest recipients leave the window.
                    var freed = used
                    var until = now
                    for entry in recent where freed + content.recipients.count > limit {
                        freed -= entry.count
                        until = entry.date.addingTimeInterval(86400)
                    }
                    return .error(.userRateLimit(until: until))
                }
            }
            let id = state.newMessageID()
            let milliseconds = Self.milliseconds(now)
            let retention = state.configuration.historyRetention
            var thread = id
            if let requested = submitted.threadID, !requested.isEmpty,
               let joined = state.mailboxes[account]!.thread(for: content, within: requested) {
                thread = joined
            }
            let sent = state.withMailbox(account) { mailbox, random, retention in
                mailbox.insert(id: id, content: content, labels: ["SENT"], internalDate: milliseconds, threadID: thread,
                               random: &random, retention: retention)
            }!
            state.mailboxes[account]!.sentRaw.append(submitted.raw)
            state.mailboxes[account]!.sentRecipients.append((now, content.recipients.count))
            // Mail to oneself is one message: SENT now, INBOX and UNREAD in a later history record.
            if content.recipients.contains(account) {
                _ = state.withMailbox(account) { mailbox, random, _ in
                    mailbox.changeLabels(of: id, add: ["INBOX", "UNREAD"], remove: [], random: &random, retention: retention)
                }
            }
            if state.configuration.deliverSentMailToLocalAccounts {
                var delivered = Set([account])
                let copy = MessageContent(raw: HeaderEditing.removing("bcc", from: content.raw))
                for recipient in content.recipients where state.mailboxes[recipient] != nil {
                    guard delivered.insert(recipient).inserted else { continue }
                    _ = state.receive(copy, into: recipient, labels: ["INBOX", "UNREAD"], internalDate: milliseconds)
                }
            }
            return .json(MessageResource.brief(sent))
        }
    }

    /// `{"raw": "<base64url>", "threadId": "…"}`; raw in either alphabet, padded or not.
    private func jsonMessage(_ request: ServerRequest) -> Result<(raw: [UInt8], threadID: String?), APIError> {
        let object: [String: Any]
        switch RequestValues.object(request.body) {
        case .success(let value): object = value
        case .failure(let error): return .failure(error)
        }
        guard let text = object["raw"] as? String, !text.isEmpty else {
            return .failure(.invalidArgument("'raw' RFC822 payload message string or uploading message via /upload/* URL required"))
        }
        guard RequestValues.isWellFormedBase64(text) else {
            return .failure(.invalidArgument("Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed"))
        }
        return .success((Base64.decode(Array(text.utf8)), object["threadId"] as? String))
    }

    /// `uploadType=media` (the body is the message) or `uploadType=multipart` (multipart/related:
    /// JSON metadata, then the message/rfc822 part).
    private func uploadedMessage(_ request: ServerRequest) -> Result<(raw: [UInt8], threadID: String?), APIError> {
        switch request.queryValue("uploadType") {
        case "media":
            guard !request.body.isEmpty else { return .failure(.badRequest("Media upload has no content.")) }
            return .success((request.body, nil))
        case "multipart":
            guard let contentType = request.header("Content-Type"),
                  let parts = MultipartBody.parts(of: request.body, contentType: contentType), parts.count == 2 else {
                return .failure(.badRequest("Invalid multipart request: expected a metadata part and a media part."))
            }
            let metadata: [String: Any]
            switch RequestValues.object(parts[0].body) {
            case .success(let value): metadata = value
            case .failure(let error): return .failure(error)
            }
            return .success((parts[1].body, metadata["threadId"] as? String))
        case let other:
            return .failure(.badRequest("Invalid upload request: uploadType=\(other ?? "") (use media or multipart)."))
        }
    }

    /// The message as Gmail stores it: From, Date and Message-ID added when missing.
    private func completed(_ content: MessageContent, account: String) -> MessageContent {
        var lines: [String] = []
        let headers = content.message.headers
        if headers.first("message-id") == nil {
            let unique = state.withLock { $0.token(32) }
            lines.append("Message-ID: <\(unique)@mail.gmail.com>")
        }
        if headers.first("date") == nil { lines.append("Date: \(MailDate.format(Date()))") }
        if headers.first("from") == nil {
            let address = state.withLock { $0.mailboxes[account]?.email } ?? account
            lines.append("From: \(address)")
        }
        return lines.isEmpty ? content : MessageContent(raw: HeaderEditing.prepending(lines, to: content.raw))
    }
}
