import CRMCore
import CRMStore
import Foundation
import GmailAPI
import MailFormat

/// The bytes of an incoming email's attachments: from the database where it keeps them, else from
/// the Gmail of the mailbox that holds the email (gmail-api.md §4–5), which only that mailbox's
/// owner can reach. An attachment with a part id is fetched with one messages.get (format=full, for
/// attachment ids fresh from this fetch: they change every time and are never stored) and one
/// attachments.get each; the whole message (format=raw) is fetched instead when an attachment has no
/// part of its own (a uuencoded file) or the attachments were never recorded, and then they are
/// recorded. What arrives must have the size and SHA-256 recorded at ingest.
public struct AttachmentFetcher {
    let store: Store
    let connection: SyncService.Connection
    /// Attachments recorded now keep their bytes up to this size.
    let keepAttachmentBytes: Int

    public init(store: Store, connection: SyncService.Connection, settings: SyncSettings) {
        self.store = store
        self.connection = connection
        keepAttachmentBytes = settings.keepAttachmentBytes
    }

    /// Why an attachment could not be had, in words for people (never a name or an address from the mail).
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Every attachment of `stored` with its bytes, in order. `stored` must be an email of this
    /// connection's mailbox and from Gmail.
    /// - Throws: `Failure` when Gmail does not give a file as recorded; `GmailError` when Gmail cannot
    ///   be asked; `StoreError` when recording fails.
    public func attachments(of stored: StoredAttachments) throws -> [(attachment: IncomingAttachment, bytes: [UInt8])] {
        guard stored.mailbox.id == connection.mailbox.id, stored.isInGmail else {
            throw Failure(description: "email \(stored.emailID) is not in the Gmail of \(connection.mailbox.email)")
        }
        guard let recorded = stored.attachments else { return try fromWholeMessage(stored, recorded: nil) }
        let missing = recorded.filter { !$0.isKept }
        if missing.isEmpty { return recorded.map { ($0, $0.data ?? []) } }
        if missing.contains(where: { $0.partID == nil }) { return try fromWholeMessage(stored, recorded: recorded) }
        let message = try connection.client.message(id: stored.gmailID, format: .full)
        var parts: [String: GmailMessagePart] = [:]
        for part in message.payload?.allParts ?? [] { parts[part.partID] = part }
        return try recorded.map { attachment in
            if let data = attachment.data { return (attachment, data) }
            guard let partID = attachment.partID, let part = parts[partID] else { throw changed(attachment) }
            let bytes = part.body.attachmentID.isEmpty
                ? part.body.data
                : try connection.client.attachment(messageID: stored.gmailID, attachmentID: part.body.attachmentID,
                                                   expectedSize: part.body.size).data
            guard attachment.matches(bytes) else { throw changed(attachment) }
            return (attachment, bytes)
        }
    }

    /// The attachments read from the whole message; recorded when they were not known.
    private func fromWholeMessage(_ stored: StoredAttachments, recorded: [IncomingAttachment]?) throws
        -> [(attachment: IncomingAttachment, bytes: [UInt8])] {
        guard let raw = try connection.client.message(id: stored.gmailID, format: .raw).raw else {
            throw Failure(description: "Gmail sent email \(stored.emailID) without its content; try again later")
        }
        let found = IncomingAttachment.all(in: Message(bytes: raw).bodyStructure, keepingBytes: keepAttachmentBytes)
        guard let recorded else {
            try store.recordAttachments(found.map(\.attachment), incoming: stored.emailID)
            return found
        }
        return try recorded.map { attachment in
            guard attachment.position < found.count, attachment.matches(found[attachment.position].bytes) else {
                throw changed(attachment)
            }
            return (attachment, found[attachment.position].bytes)
        }
    }

    private func changed(_ attachment: IncomingAttachment) -> Failure {
        Failure(description: "Gmail's copy of attachment \(attachment.position + 1) is not the file recorded when the "
                + "email arrived; run rapport sync and try again")
    }
}
