import CRMCore
import Foundation
@testable import RapportApp

/// Records of Ann's team as the loader hands them to the reducer, for the reducer tests.
extension Contact {
    /// A contact of Ann's team with `addresses`.
    static func testing(_ id: Int64, _ name: String, _ addresses: String...) -> Contact {
        Contact(id: id, teamID: 1, name: name, emails: addresses.map { EmailAddress($0)! }, companyID: nil,
                companyName: nil, phone: nil, ownerLogin: "ann")
    }
}

extension ContactSummary {
    /// `contact` as a row of the contacts list, never in touch and with no deals.
    static func testing(_ contact: Contact) -> ContactSummary {
        ContactSummary(contact: contact, lastIncoming: nil, lastOutgoing: nil, openDeals: 0)
    }
}

extension OutgoingEmail {
    /// Ann's email `id` to Carol, subject "Email `id`", in `status` (failed mail says why).
    static func testing(_ id: Int64, _ status: OutboxStatus, queuedAt: Date? = nil, updatedAt: Date = AppState.testNow,
                        sendAt: Date? = nil) -> OutgoingEmail {
        OutgoingEmail(id: id, teamID: 1, mailboxID: 1, from: EmailAddress("ann@northwind.example")!, authorLogin: "ann",
                      to: [EmailAddress("carol@acme.example")!], cc: [], bcc: [], subject: "Email \(id)",
                      bodyText: "Body", link: nil, replyToActivityID: nil, status: status, sendAt: sendAt, attempts: 0,
                      nextAttemptAt: nil, lastError: status == .failed ? "Gmail said no" : nil, messageID: nil,
                      gmailID: nil, threadID: nil, attachments: [], createdAt: AppState.testNow.addingTimeInterval(-600),
                      updatedAt: updatedAt, queuedAt: queuedAt)
    }
}

extension Conversation {
    /// A conversation of Ann's mailbox with the messages `messageIDs` (oldest first), from Carol.
    static func testing(_ id: Int64, messageIDs: [Int64], subject: String = "Plan", unread: Int = 0,
                        lastAt: Date = AppState.testNow) -> Conversation {
        let ann = EmailAddress("ann@northwind.example")!
        return Conversation(id: id, mailboxID: 1, account: ann, threadID: "t\(id)", subject: subject,
                            participants: [Participant(name: "Carol Client", address: EmailAddress("carol@acme.example")!),
                                           Participant(name: nil, address: ann)],
                            messageCount: messageIDs.count, unreadCount: unread, lastAt: lastAt, labels: ["INBOX"],
                            messageIDs: messageIDs)
    }
}
