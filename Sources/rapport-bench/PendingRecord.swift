import CRMCore
import CRMStore
import Foundation

/// One timeline record made from a planned entry, written through the store's ordinary methods.
enum PendingRecord {
    case incoming(IncomingEmail)
    case sent(SentEmail)
    case manual(ManualActivity)

    /// The three kinds, for reporting time per kind.
    enum Kind: CaseIterable {
        case incoming, sent, manual

        var label: String {
            switch self {
            case .incoming: "message recorded (recordIncoming)"
            case .sent: "email composed, queued, claimed, sent"
            case .manual: "call, meeting or note (addActivity)"
            }
        }
    }

    var kind: Kind {
        switch self {
        case .incoming: .incoming
        case .sent: .sent
        case .manual: .manual
        }
    }

    /// An email composed in Rapport and sent.
    struct SentEmail {
        let request: ComposeRequest
        let author: User
        let gmailID: String
        let threadID: String
        let composedAt: Date
        let sentAt: Date
    }

    /// A call, meeting or note.
    struct ManualActivity {
        let contact: Int64
        let type: ActivityType
        let summary: String
        let subject: String?
        let direction: Direction?
        let at: Date
        let user: User
    }

    /// Writes it as people and sync would: a message recorded, an email composed and moved to sent
    /// (with the store's clock set to when that happened), or an activity added.
    func write(to store: Store) throws {
        switch self {
        case .incoming(let email):
            try store.recordIncoming(email)
        case .sent(let sent):
            store.now = { sent.composedAt }
            let email = try store.compose(sent.request, by: sent.author)
            try store.apply(.queue, to: email.id, by: sent.author, Store.OutboxUpdate(sealingKey: .benchmark))
            store.now = { sent.sentAt }
            try store.apply(.claim, to: email.id, by: sent.author)
            try store.apply(.markSent, to: email.id, by: sent.author,
                            Store.OutboxUpdate(gmailID: sent.gmailID, threadID: sent.threadID))
        case .manual(let note):
            try store.addActivity(contact: note.contact, type: note.type, summary: note.summary, subject: note.subject,
                                  direction: note.direction, at: note.at, by: note.user)
        }
    }
}
