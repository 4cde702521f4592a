import CRMCore
import Foundation

extension Store {
    /// Stores a message of a mailbox (keyed on mailbox and Gmail id, so a repeat is harmless) and puts it
    /// on the timeline of every team contact it involves, once per message even when a teammate's
    /// mailbox holds a copy too. Returns the row id and whether it was new.
    @discardableResult
    public func recordIncoming(_ email: IncomingEmail) throws -> (id: Int64, isNew: Bool) {
        try db.write {
            guard let owner = try db.first("""
                SELECT m.email, u.id, u.team_id FROM mailboxes m JOIN users u ON u.id = m.user_id WHERE m.id = ?
                """, email.mailboxID) else {
                throw CRMError("there is no mailbox \(email.mailboxID)")
            }
            let mailboxAddress = EmailAddress(owner.string(0))
            let userID = owner.int64(1)
            let team = owner.int64(2)
            if let existing = try db.first("SELECT id FROM incoming_emails WHERE mailbox_id = ? AND gmail_id = ?",
                                           email.mailboxID, email.gmailID) {
                return (existing.int64(0), false)
            }
            let direction = mailboxAddress.map { email.direction(forMailbox: $0) } ?? .incoming
            let now = timestamp
            try db.execute("""
                INSERT INTO incoming_emails (mailbox_id, team_id, gmail_id, thread_id, message_id, from_name,
                    from_address, to_addrs, cc_addrs, subject, snippet, body_text, internal_date, labels, direction,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, email.mailboxID, team, email.gmailID, email.threadID, email.messageID, email.fromName,
                email.fromAddress?.value, AddressList.encode(email.to), AddressList.encode(email.cc), email.subject,
                email.snippet, email.bodyText, email.internalDate, AddressList.encode(email.labels),
                direction.rawValue, now)
            let id = db.lastInsertRowID
            guard email.isOnTimeline else { return (id, true) }
            let involved = ([email.fromAddress].compactMap { $0 } + email.recipients).filter { $0 != mailboxAddress }
            var contacts: [Int64] = []
            for address in involved {
                if let contact = try contactID(owning: address, team: team), !contacts.contains(contact) {
                    contacts.append(contact)
                }
            }
            let key = email.messageID ?? "gmail:\(email.mailboxID):\(email.gmailID)"
            let summary = Self.summary(of: email.bodyText ?? email.snippet)
            for contact in contacts {
                try db.execute("""
                    INSERT OR IGNORE INTO activities (team_id, contact_id, user_id, type, direction, occurred_at,
                        subject, summary, source_type, source_id, message_key, created_at, updated_at)
                    VALUES (?, ?, ?, 'email', ?, ?, ?, ?, 'incoming_email', ?, ?, ?, ?)
                    """, team, contact, userID, direction.rawValue, email.internalDate, email.subject, summary, id,
                    key, now, now)
            }
            return (id, true)
        }
    }
}
