import CRMCore
import Foundation

extension Store {
    /// Stores a message of a mailbox (keyed on mailbox and Gmail id, so a repeat is harmless) and puts it
    /// on the timeline of every team contact it involves, once per message even when a teammate's
    /// mailbox holds a copy too. Mail in Trash or Spam gets its entries too, kept off the timeline
    /// (`off_timeline`) until a copy leaves the bin. Returns the row id and whether it was new.
    @discardableResult
    public func recordIncoming(_ email: IncomingEmail) throws -> (id: Int64, isNew: Bool) {
        try db.write {
            guard let owner = try mailboxOwner(email.mailboxID) else {
                throw Refusal.notFound(.mailbox, id: email.mailboxID)
            }
            let direction = owner.address.map { email.direction(forMailbox: $0) } ?? .incoming
            try db.execute("""
                INSERT INTO incoming_emails (mailbox_id, team_id, gmail_id, thread_id, message_id, from_name,
                    from_address, to_addrs, cc_addrs, subject, snippet, body_text, internal_date, labels, direction,
                    created_at, references_ids, history_id, attachment_count, in_reply_to, reply_to_addrs,
                    recipient_names, automation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (mailbox_id, gmail_id) DO NOTHING
                """, email.mailboxID, owner.teamID, email.gmailID, email.threadID, email.messageID, email.fromName,
                email.fromAddress?.value, JSONStringList.encode(email.to), JSONStringList.encode(email.cc), email.subject,
                email.snippet, email.bodyText, email.internalDate, JSONStringList.encode(email.labels),
                direction.rawValue, timestamp, JSONStringList.encode(email.references),
                email.historyID.map { Int64(bitPattern: $0) }, email.attachments.count,
                JSONStringList.encode(email.inReplyTo), JSONStringList.encode(email.replyTo),
                JSONNameMap.encode(email.displayNames), JSONStringList.encode(email.automation.marks))
            guard db.changes == 1 else {
                let existing = try db.first("SELECT id FROM incoming_emails WHERE mailbox_id = ? AND gmail_id = ?",
                                            email.mailboxID, email.gmailID)
                let id = try existing?.int64(0) ?? 0
                // Stored before attachments were recorded: now they are known.
                try recordAttachments(email.attachments, incoming: id)
                return (id, false)
            }
            let id = db.lastInsertRowID
            try insertAttachments(email.attachments, incoming: id)
            try putOnTimelines(incoming: id, email, owner: owner, direction: direction)
            return (id, true)
        }
    }

    /// Who holds a mailbox: its address, its user and that user's team.
    struct MailboxOwner {
        let address: EmailAddress?
        let userID: Int64
        let teamID: Int64
    }

    func mailboxOwner(_ mailbox: Int64) throws -> MailboxOwner? {
        try db.first("""
            SELECT m.email, m.user_id, u.team_id FROM mailboxes m JOIN users u ON u.id = m.user_id WHERE m.id = ?
            """, mailbox).map {
                try MailboxOwner(address: EmailAddress($0.string("email")), userID: $0.int64("user_id"),
                                 teamID: $0.int64("team_id"))
            }
    }

    /// The timeline key of a message: its Message-ID, which joins teammates' copies, else the copy itself.
    static func messageKey(_ email: IncomingEmail) -> String {
        email.messageID ?? "gmail:\(email.mailboxID):\(email.gmailID)"
    }

    /// Adds an entry for the stored message `id` to the timeline of every team contact it involves, once
    /// per (contact, message), first making the contacts the contact policy (`ContactPolicy`, with
    /// `contactCreation`) makes from it; blocked addresses get none. An entry that exists already is left
    /// alone, except that a message outside Trash and Spam brings it back onto the timeline (`hidden`,
    /// which a person set, is never touched).
    func putOnTimelines(incoming id: Int64, _ email: IncomingEmail, owner: MailboxOwner, direction: Direction) throws {
        let policy = try contactPolicy(team: owner.teamID, creation: email.isOnTimeline ? contactCreation : .none)
        let decisions = try decide(policy, email, direction: direction, owner: owner)
        var contacts: [Int64] = []
        for decision in decisions {
            var contact: Int64?
            switch decision.outcome {
            case .timeline: contact = try contactID(owning: decision.address, team: owner.teamID)
            case .created: contact = try addContact(from: decision, team: owner.teamID, owner: owner.userID, email: id)
            case .skipped: contact = nil
            }
            if let contact, !contacts.contains(contact) { contacts.append(contact) }
        }
        guard !contacts.isEmpty else { return }
        let key = Self.messageKey(email)
        let summary = Self.summary(of: email.bodyText ?? email.snippet)
        let now = timestamp
        for contact in contacts {
            try db.execute("""
                INSERT INTO activities (team_id, contact_id, user_id, type, direction, occurred_at, subject, summary,
                    source_type, source_id, message_key, off_timeline, created_at, updated_at)
                VALUES (?, ?, ?, 'email', ?, ?, ?, ?, 'incoming_email', ?, ?, ?, ?, ?)
                ON CONFLICT (contact_id, message_key) WHERE message_key IS NOT NULL
                DO UPDATE SET off_timeline = 0 WHERE excluded.off_timeline = 0 AND activities.off_timeline = 1
                """, owner.teamID, contact, owner.userID, direction.rawValue, email.internalDate, email.subject,
                summary, id, key, !email.isOnTimeline, now, now)
        }
    }
}
