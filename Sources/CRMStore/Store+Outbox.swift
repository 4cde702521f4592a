import CRMCore
import Foundation
import Hardening

extension Store {
    /// Saves a new outgoing email as a draft from one of `user`'s mailboxes, and queues it when asked,
    /// sealed with `sealingKey` (`user`'s own; needed to queue).
    @discardableResult
    public func compose(_ request: ComposeRequest, by user: User, sealingKey: SealingKey? = nil) throws
        -> OutgoingEmail {
        let problems = request.problems(now: now())
        guard problems.isEmpty else { throw Refusal.composition(problems, emailID: nil) }
        return try db.write {
            let mailbox = try ownMailbox(request.from, of: user)
            var link = request.link
            if let replyTo = request.replyToActivityID {
                guard let parent = try activity(id: replyTo, in: .team(user.teamID)), parent.type == .email else {
                    throw Refusal.noEmailToReplyTo(activityID: replyTo)
                }
                link = link ?? .contact(parent.contactID)
            }
            if let link { try requireInTeam(link, team: user.teamID) }
            let now = timestamp
            let messageID = MessageID.generate(domain: request.from.domain)
            let names = request.recipientNames
            let threading = request.threading
            let threadID = threading.threadID(sendingFrom: mailbox.email)
            try db.execute("""
                INSERT INTO outgoing_emails (team_id, mailbox_id, author_id, linked_type, linked_id, to_addrs,
                    cc_addrs, bcc_addrs, subject, body_text, reply_to_activity_id, status, message_id,
                    created_at, updated_at, recipient_names, in_reply_to, references_ids, thread_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)
                """, user.teamID, mailbox.id, user.id, link?.type, link?.id, JSONStringList.encode(request.to),
                JSONStringList.encode(request.cc), JSONStringList.encode(request.bcc), request.subject, request.bodyText,
                request.replyToActivityID, messageID, now, now, JSONNameMap.encode(names), threading.inReplyTo,
                JSONStringList.encode(threading.references), threadID)
            let id = db.lastInsertRowID
            for attachment in request.attachments {
                try db.execute("""
                    INSERT INTO outgoing_attachments (outgoing_email_id, filename, content_type, size, data)
                    VALUES (?, ?, ?, ?, ?)
                    """, id, attachment.filename, attachment.contentType, attachment.data.count, attachment.data)
            }
            try recordChange(of: id, from: nil, to: .draft, by: user, error: nil)
            if request.queues {
                return try apply(.queue, to: id, by: user, OutboxUpdate(sendAt: request.sendAt, sealingKey: sealingKey))
            }
            return OutgoingEmail(
                id: id, teamID: user.teamID, mailboxID: mailbox.id, from: mailbox.email, authorLogin: user.login,
                to: request.to, cc: request.cc, bcc: request.bcc, subject: request.subject, bodyText: request.bodyText,
                link: link, replyToActivityID: request.replyToActivityID, status: .draft, sendAt: nil, attempts: 0,
                nextAttemptAt: nil, lastError: nil, messageID: messageID, gmailID: nil, threadID: threadID,
                attachments: request.attachments.map {
                    AttachmentInfo(filename: $0.filename, contentType: $0.contentType, size: $0.data.count)
                },
                createdAt: now, updatedAt: now, queuedAt: nil, displayNames: names, inReplyTo: threading.inReplyTo,
                references: threading.references)
        }
    }

    /// The details an action records besides the new status.
    public struct OutboxUpdate: Sendable {
        public var error: String?
        public var sendAt: Date?
        public var nextAttemptAt: Date?
        public var gmailID: String?
        public var threadID: String?
        /// The acting person's own key, which seals the email when they queue or retry it (see
        /// `OutboxAction.needsAuthorsKey`); those actions need it, the others ignore it.
        public var sealingKey: SealingKey?

        public init(error: String? = nil, sendAt: Date? = nil, nextAttemptAt: Date? = nil, gmailID: String? = nil,
                    threadID: String? = nil, sealingKey: SealingKey? = nil) {
            self.error = error
            self.sendAt = sendAt
            self.nextAttemptAt = nextAttemptAt
            self.gmailID = gmailID
            self.threadID = threadID
            self.sealingKey = sealingKey
        }
    }

    /// Moves an outgoing email through the state machine and records the move in its history.
    /// Only the author (or an admin) may act on it, only the author may queue or retry it (sealing
    /// it with `update.sealingKey` as it then stands), and the sender acts on its mailbox's mail.
    /// The seal goes when the email leaves the queue for drafts, Sent or failed.
    @discardableResult
    public func apply(_ action: OutboxAction, to id: Int64, by user: User, _ update: OutboxUpdate = .init()) throws
        -> OutgoingEmail {
        try db.write {
            let email = try ownOutgoingEmail(id: id, by: user, change: .outbox(action))
            let move: OutboxMove
            switch action.move(from: email.status) {
            case .success(let allowed): move = allowed
            case .failure(let refusal): throw Refusal.outbox(id: id, refusal)
            }
            if action.needsAuthorsKey {
                let composition = Composition(
                    to: email.to, cc: email.cc, bcc: email.bcc,
                    attachmentBytes: email.attachments.reduce(0) { $0 + $1.size }, queue: true,
                    sendAt: action == .queue ? update.sendAt : nil)
                let problems = composition.problems(now: now())
                guard problems.isEmpty else { throw Refusal.composition(problems, emailID: id) }
            }
            precondition(!action.needsAuthorsKey || update.sealingKey != nil,
                         "queueing an email needs its author's sealing key (OutboxUpdate.sealingKey)")
            let now = timestamp
            var sendAt = email.sendAt
            var nextAttemptAt = email.nextAttemptAt
            var attempts = email.attempts
            var lastError = email.lastError
            // Teammates read it, and a server may have echoed a token into it.
            let error = update.error.map { Redaction.redact($0) }
            switch action {
            case .queue: sendAt = update.sendAt ?? sendAt; nextAttemptAt = nil
            case .retry: nextAttemptAt = nil
            case .cancel: sendAt = nil; nextAttemptAt = nil
            case .edit: break
            case .claim: attempts += 1
            case .markSent: lastError = nil; nextAttemptAt = nil
            case .requeue: lastError = error; nextAttemptAt = update.nextAttemptAt
            case .markFail: lastError = error; nextAttemptAt = nil
            }
            // A person queueing (or retrying) starts the undo window; the sender's requeue does not.
            let queuedAt: Date? = action.needsAuthorsKey ? now : nil
            try db.execute("""
                UPDATE outgoing_emails SET status = ?, send_at = ?, next_attempt_at = ?, attempts = ?, last_error = ?,
                    gmail_id = coalesce(?, gmail_id), thread_id = coalesce(?, thread_id), updated_at = ?,
                    queued_at = coalesce(?, queued_at)
                WHERE id = ? AND status = ?
                """, move.to.rawValue, sendAt, nextAttemptAt, attempts, lastError, update.gmailID, update.threadID,
                now, queuedAt, id, move.from.rawValue)
            var moved = email
            if let key = update.sealingKey, action.needsAuthorsKey {
                moved.messageID = try seal(id, with: key).messageID
            } else if move.to != .queued && move.to != .sending {
                try db.execute("UPDATE outgoing_emails SET seal = NULL WHERE id = ?", id)
            }
            try recordChange(of: id, from: move.from, to: move.to, by: user, error: error)
            if move.to == .sent { try recordSentActivities(for: email, at: now) }
            moved.status = move.to
            moved.sendAt = sendAt?.stored
            moved.nextAttemptAt = nextAttemptAt?.stored
            moved.attempts = attempts
            moved.lastError = lastError
            moved.gmailID = update.gmailID ?? email.gmailID
            moved.threadID = update.threadID ?? email.threadID
            moved.updatedAt = now
            moved.queuedAt = queuedAt ?? email.queuedAt
            return moved
        }
    }

    /// Deletes a draft or failed email; queued, sending and sent mail stay on record.
    public func deleteOutgoingEmail(id: Int64, by user: User) throws {
        try db.write {
            let email = try ownOutgoingEmail(id: id, by: user, change: .delete)
            guard email.status.isDeletable else { throw Refusal.notDeletable(id: id, status: email.status) }
            try db.execute("DELETE FROM outgoing_emails WHERE id = ?", id)
        }
    }

    /// The outgoing email with this id, when visible in `scope`.
    public func outgoingEmail(id: Int64, in scope: Scope) throws -> OutgoingEmail? {
        try db.first(Self.outgoingSelect + " WHERE o.id = ?1 AND (?2 IS NULL OR o.team_id = ?2)", id, scope.teamID)
            .map { try hydrate($0) }
    }

    /// Outgoing emails visible in `scope`, newest first; optionally one author's, one status.
    public func outbox(in scope: Scope, author: Int64? = nil, status: OutboxStatus? = nil, limit: Int = 500) throws
        -> [OutgoingEmail] {
        try db.query(Self.outgoingSelect + """
             WHERE (?1 IS NULL OR o.team_id = ?1) AND (?2 IS NULL OR o.author_id = ?2) AND (?3 IS NULL OR o.status = ?3)
             ORDER BY o.updated_at DESC, o.id DESC LIMIT ?4
            """, scope.teamID, author, status?.rawValue, limit).map { try hydrate($0) }
    }

    /// How many outgoing emails are in each status (statuses with none are left out).
    public func outboxCounts(in scope: Scope, author: Int64? = nil) throws -> [OutboxStatus: Int] {
        var counts: [OutboxStatus: Int] = [:]
        for row in try db.query("""
            SELECT status, count(*) AS n FROM outgoing_emails
            WHERE (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR author_id = ?2) GROUP BY status
            """, scope.teamID, author) {
            if let status = OutboxStatus(rawValue: try row.string("status")) { counts[status] = try row.int("n") }
        }
        return counts
    }

    /// Every recorded move of an outgoing email visible in `scope`, oldest first.
    public func statusHistory(of id: Int64, in scope: Scope) throws -> [StatusChange] {
        try db.query("""
            SELECT h.from_status, h.to_status, h.at, h.login, h.error
            FROM outgoing_email_status_history h JOIN outgoing_emails o ON o.id = h.outgoing_email_id
            WHERE h.outgoing_email_id = ?1 AND (?2 IS NULL OR o.team_id = ?2) ORDER BY h.id
            """, id, scope.teamID).map { row in
            try StatusChange(from: row.optionalString("from_status").flatMap(OutboxStatus.init(rawValue:)),
                             to: OutboxStatus(rawValue: row.string("to_status")) ?? .draft, at: row.date("at"),
                             by: row.string("login"), error: row.optionalString("error"))
        }
    }

    /// The bytes of an outgoing email's attachments, in the order they were added.
    public func attachmentData(of id: Int64, in scope: Scope) throws -> [NewAttachment] {
        try db.query("""
            SELECT a.filename, a.content_type, a.data FROM outgoing_attachments a
            JOIN outgoing_emails o ON o.id = a.outgoing_email_id
            WHERE a.outgoing_email_id = ?1 AND (?2 IS NULL OR o.team_id = ?2) ORDER BY a.id
            """, id, scope.teamID).map {
            try NewAttachment(filename: $0.string("filename"), contentType: $0.string("content_type"),
                              data: Data($0.blob("data")))
        }
    }

    // MARK: internals

    /// Outgoing email `id`, when `user` may change it: its author, or an admin; only its author when
    /// the change sends it on its way (their key seals it). The sender's moves are made by the owner
    /// of the mailbox it goes out from, whoever wrote the row, so that the sender can fail a forged one.
    func ownOutgoingEmail(id: Int64, by user: User, change: RecordChange) throws -> OutgoingEmail {
        if case .outbox(let action) = change, action.isSenders, let email = try outgoingEmail(id: id, in: .everyone),
           try db.first("SELECT user_id FROM mailboxes WHERE id = ?", email.mailboxID)?.int64(0) == user.id {
            return email
        }
        guard let email = try outgoingEmail(id: id, in: user.scope) else { throw Refusal.notFound(.outgoingEmail, id: id) }
        let mayChange: Bool
        if case .outbox(let action) = change, action.needsAuthorsKey {
            mayChange = email.authorLogin == user.login
        } else {
            mayChange = email.authorLogin == user.login || user.isAdmin
        }
        guard mayChange else {
            throw Refusal.notYours(.outgoingEmail, id: id, owner: email.authorLogin, change: change)
        }
        return email
    }

    /// `user`'s own connected mailbox with this address.
    func ownMailbox(_ address: EmailAddress, of user: User) throws -> Mailbox {
        guard let mailbox = try mailbox(email: address, in: .team(user.teamID)), mailbox.userID == user.id else {
            throw Refusal.notYourMailbox
        }
        return mailbox
    }

    private func recordChange(of id: Int64, from: OutboxStatus?, to: OutboxStatus, by user: User, error: String?) throws {
        try db.execute("""
            INSERT INTO outgoing_email_status_history (outgoing_email_id, from_status, to_status, at, user_id, login, error)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, id, from?.rawValue, to.rawValue, timestamp, user.id, user.login, error)
    }

    /// One `out` email activity for each contact the mail concerns: the linked one and every recipient we know.
    /// Mail sent through Rapport is on the timeline even when a copy synced earlier sits in Trash or Spam.
    private func recordSentActivities(for email: OutgoingEmail, at date: Date) throws {
        var contacts: [Int64] = []
        switch email.link {
        case .contact(let id)?: contacts.append(id)
        case .deal(let id)?:
            if let contact = try db.first("SELECT contact_id FROM deals WHERE id = ?", id)?.optionalInt64(0) {
                contacts.append(contact)
            }
        default: break
        }
        for address in email.allRecipients {
            if let id = try contactID(owning: address, team: email.teamID), !contacts.contains(id) { contacts.append(id) }
        }
        let author = try user(login: email.authorLogin)
        for contact in contacts {
            try db.execute("""
                INSERT INTO activities (team_id, contact_id, user_id, type, direction, occurred_at, subject,
                    summary, source_type, source_id, message_key, created_at, updated_at)
                VALUES (?, ?, ?, 'email', 'out', ?, ?, ?, 'outgoing_email', ?, ?, ?, ?)
                ON CONFLICT (contact_id, message_key) WHERE message_key IS NOT NULL
                DO UPDATE SET off_timeline = 0 WHERE off_timeline = 1
                """, email.teamID, contact, author?.id, date, email.subject, Self.summary(of: email.bodyText), email.id,
                email.messageID ?? "outgoing:\(email.id)", date, date)
        }
    }

    func requireInTeam(_ link: RecordLink, team: Int64) throws {
        let table: String
        switch link {
        case .contact: table = "contacts"
        case .company: table = "companies"
        case .deal: table = "deals"
        }
        guard try db.first("SELECT 1 FROM \(table) WHERE id = ? AND team_id = ?", link.id, team) != nil else {
            throw Refusal.linkOutsideTeam(link)
        }
    }

    static let outgoingSelect = """
        SELECT o.id, o.team_id, o.mailbox_id, m.email AS sender, u.login, o.to_addrs, o.cc_addrs, o.bcc_addrs, o.subject,
               o.body_text, o.linked_type, o.linked_id, o.reply_to_activity_id, o.status, o.send_at, o.attempts,
               o.next_attempt_at, o.last_error, o.message_id, o.gmail_id, o.thread_id, o.created_at, o.updated_at,
               o.queued_at, o.recipient_names, o.in_reply_to, o.references_ids
        FROM outgoing_emails o
        JOIN mailboxes m ON m.id = o.mailbox_id
        JOIN users u ON u.id = o.author_id
        """

    private func hydrate(_ row: Row) throws -> OutgoingEmail {
        let id = try row.int64("id")
        let attachments = try db.query(
            "SELECT filename, content_type, size FROM outgoing_attachments WHERE outgoing_email_id = ? ORDER BY id", id)
            .map {
                try AttachmentInfo(filename: $0.string("filename"), contentType: $0.string("content_type"),
                                   size: $0.int("size"))
            }
        let link = try row.optionalString("linked_type").flatMap { RecordLink(type: $0, id: try row.int64("linked_id")) }
        return try OutgoingEmail(
            id: id, teamID: row.int64("team_id"), mailboxID: row.int64("mailbox_id"),
            from: EmailAddress(row.string("sender")) ?? EmailAddress("unknown@invalid.invalid")!,
            authorLogin: row.string("login"), to: row.addresses("to_addrs"), cc: row.addresses("cc_addrs"),
            bcc: row.addresses("bcc_addrs"), subject: row.string("subject"), bodyText: row.string("body_text"),
            link: link, replyToActivityID: row.optionalInt64("reply_to_activity_id"),
            status: OutboxStatus(rawValue: row.string("status")) ?? .failed, sendAt: row.optionalDate("send_at"),
            attempts: row.int("attempts"), nextAttemptAt: row.optionalDate("next_attempt_at"),
            lastError: row.optionalString("last_error"), messageID: row.optionalString("message_id"),
            gmailID: row.optionalString("gmail_id"), threadID: row.optionalString("thread_id"),
            attachments: attachments, createdAt: row.date("created_at"), updatedAt: row.date("updated_at"),
            queuedAt: row.optionalDate("queued_at"), displayNames: row.names("recipient_names"),
            inReplyTo: row.optionalString("in_reply_to"), references: row.strings("references_ids"))
    }
}
