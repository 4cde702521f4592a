import CRMCore
import CRMStore
import Foundation

/// The email `compose --reply-to` or `--forward` answers, as a person names it: a timeline entry's
/// id (`rapport timeline`), `mail:ID` (a stored message, as `rapport mail list` and `search` show
/// it), or `outbox:ID` (mail sent from Rapport, as `rapport outbox` shows it).
struct ReplySource {
    enum Kind {
        case activity, mail, outbox
    }

    let kind: Kind
    let id: Int64
    let text: String

    /// Reads the value of `option`; throws a usage error for anything else.
    init(_ text: String, option: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let (kind, number): (Kind?, String) = switch parts.count == 2 ? parts[0].lowercased() : nil {
        case nil: (.activity, text)
        case "mail"?: (.mail, parts[1])
        case "outbox"?: (.outbox, parts[1])
        default: (nil, text)
        }
        guard let kind, let id = Int64(number), id > 0 else {
            throw UsageError("\(option) wants an activity id from rapport timeline, mail:ID from rapport mail list, "
                             + "or outbox:ID from rapport outbox; not “\(text)”", command: "compose")
        }
        self.kind = kind
        self.id = id
        self.text = text
    }

    /// The message as a reply reads it (the copy in `mailbox` when there is one; with its files'
    /// bytes for a forward, `attachments`) and the timeline entry it answers, if named by one.
    func parent(in store: Store, for user: User, preferring mailbox: EmailAddress?, attachments: Bool) throws
        -> (message: ParentMessage, activityID: Int64?) {
        let source: ActivitySource
        switch kind {
        case .activity:
            guard let activity = try store.activity(id: id, in: .team(user.teamID)), activity.type == .email else {
                throw Refusal.noEmailToReplyTo(activityID: id)
            }
            source = activity.source
        case .mail: source = .incomingEmail(id)
        case .outbox: source = .outgoingEmail(id)
        }
        guard let message = try store.replyParent(source, for: user, preferring: mailbox, attachments: attachments) else {
            switch kind {
            case .activity: throw Refusal.noEmailToReplyTo(activityID: id)
            case .mail: throw CRMError("there is no email \(text) in your team to answer; see rapport mail list")
            case .outbox: throw CRMError("there is no sent email \(text) in your team to answer; see rapport outbox")
            }
        }
        return (message, kind == .activity ? id : nil)
    }
}
