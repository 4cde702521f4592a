import CRMCore
import Foundation

extension Store {
    /// Why the stored message `id` is or is not on a timeline, when visible in `scope`: its entries,
    /// and the contact policy (with `contactCreation`) asked again about each address on it, knowing
    /// the team's contacts and blocklist as they are now.
    public func explanation(ofMessage id: Int64, in scope: Scope) throws -> TimelineExplanation? {
        guard let row = try db.first("""
            SELECT mailbox_id, team_id, gmail_id, from_name, from_address, to_addrs, cc_addrs, recipient_names,
                   labels, direction, automation, internal_date, subject
            FROM incoming_emails WHERE id = ?1 AND (?2 IS NULL OR team_id = ?2)
            """, id, scope.teamID) else { return nil }
        let mailbox = try row.int64("mailbox_id")
        guard let owner = try mailboxOwner(mailbox) else { return nil }
        var email = IncomingEmail(mailboxID: mailbox, gmailID: try row.string("gmail_id"), threadID: nil, messageID: nil,
                                  fromName: row.optionalString("from_name"),
                                  fromAddress: row.optionalString("from_address").flatMap(EmailAddress.init),
                                  to: try row.addresses("to_addrs"), cc: try row.addresses("cc_addrs"),
                                  subject: try row.string("subject"), snippet: "", bodyText: nil,
                                  internalDate: try row.date("internal_date"), labels: try row.strings("labels"))
        email.displayNames = JSONNameMap.decode(try row.string("recipient_names"))
        email.automation = MailAutomation(marks: try row.strings("automation"))
        let direction = Direction(rawValue: try row.string("direction")) ?? .incoming
        let policy = try contactPolicy(team: try row.int64("team_id"),
                                       creation: email.isOnTimeline ? contactCreation : .none)
        let entries = try db.query("""
            SELECT a.contact_id, c.name, a.hidden, a.off_timeline, c.source_email_id = ?1 AS made_here
            FROM activities a JOIN contacts c ON c.id = a.contact_id
            WHERE a.source_type = 'incoming_email' AND a.message_key = (
                SELECT message_key FROM activities WHERE source_type = 'incoming_email' AND source_id = ?1 LIMIT 1)
              AND a.team_id = ?2
            UNION
            SELECT a.contact_id, c.name, a.hidden, a.off_timeline, c.source_email_id = ?1
            FROM activities a JOIN contacts c ON c.id = a.contact_id
            WHERE a.source_type = 'incoming_email' AND a.source_id = ?1
            ORDER BY 1
            """, id, owner.teamID).map {
                try TimelineExplanation.Entry(contactID: $0.int64(0), contactName: $0.string(1),
                                              isShown: !$0.bool(2) && !$0.bool(3),
                                              madeFromThisMessage: ($0.optionalInt64(4) ?? 0) != 0)
            }
        return TimelineExplanation(messageID: id, direction: direction, isInBin: !email.isOnTimeline,
                                   automation: email.automation, entries: entries,
                                   addresses: try decide(policy, email, direction: direction, owner: owner))
    }
}
