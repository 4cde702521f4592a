import CRMCore
import CRMStore
import Foundation
import Hardening
import MailFormat

/// Imports messages into a mailbox: reads and parses them on every core, then writes each batch in
/// short transactions through the store's own `recordIncoming`, so contacts are matched and timeline
/// entries made as sync would. A message already imported is skipped, so running it twice adds nothing.
public struct MailImporter {
    let store: Store
    let mailbox: Mailbox
    /// Messages parsed and written per transaction.
    var batchSize = 1_000
    /// Bytes of messages read per transaction at most (give or take a chunk), so that the bytes of
    /// the attachments kept stay within reach of memory whatever the batch holds.
    var batchBytes = 256 << 20
    /// Messages read and parsed at once, on every core.
    static let parseChunk = max(64, ProcessInfo.processInfo.activeProcessorCount * 16)
    /// Attachments up to this size keep their bytes (`[mail] keep_attachments_mb`).
    public var keepAttachmentBytes = IncomingEmail.defaultKeptAttachmentBytes

    public init(store: Store, mailbox: Mailbox) {
        self.store = store
        self.mailbox = mailbox
    }

    /// What an import did.
    public struct Summary: Sendable {
        public var imported = 0
        public var alreadyThere = 0
        public var unreadable: [(location: String, reason: String)] = []
        public var bytes = 0
    }

    /// Imports `items`, calling `progress` with the number handled so far.
    public func run(_ items: [MailItem], progress: (Int) -> Void) throws -> Summary {
        var summary = Summary()
        var start = 0
        while start < items.count {
            var parsed: [Parsed] = []
            var bytes = 0
            var end = start
            while end < items.count, parsed.count < batchSize, bytes < batchBytes {
                let chunk = Array(items[end..<min(end + Self.parseChunk, start + batchSize, items.count)])
                let results = Self.parse(chunk, mailboxID: mailbox.id, keepingAttachmentBytes: keepAttachmentBytes)
                for case .success(let email) in results.map(\.outcome) { bytes += email.size }
                parsed += results
                end += chunk.count
            }
            // Written in short transactions with gaps (see `BulkWrite`), so teammates' writes go between.
            var unwritten = parsed[...]
            while !unwritten.isEmpty {
                var known = 0
                unwritten = try BulkWrite.batch(unwritten, on: store.connection, begin: { known = 0 }) { result in
                    if case .success(let email) = result.outcome, try !store.recordIncoming(email.email).isNew {
                        known += 1
                    }
                }
                summary.alreadyThere += known
            }
            for result in parsed {
                switch result.outcome {
                case .success(let email):
                    summary.bytes += email.size
                case .failure(let failure):
                    summary.unreadable.append((result.location, failure.reason))
                }
            }
            start = end
            progress(start)
        }
        summary.imported = items.count - summary.unreadable.count - summary.alreadyThere
        return summary
    }

    /// A parsed message and its size, or why it could not be read.
    struct Parsed: Sendable {
        let location: String
        let outcome: Result<(email: IncomingEmail, size: Int), Failure>
    }

    struct Failure: Error, Sendable {
        let reason: String
    }

    /// Reads and parses a batch on all cores; the results keep the batch's order.
    static func parse(_ batch: [MailItem], mailboxID: Int64,
                      keepingAttachmentBytes: Int = IncomingEmail.defaultKeptAttachmentBytes) -> [Parsed] {
        let results = ParsedSlots(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            let item = batch[index]
            let outcome: Result<(email: IncomingEmail, size: Int), Failure>
            do {
                let bytes = try item.read()
                if bytes.isEmpty {
                    outcome = .failure(Failure(reason: "the file is empty"))
                } else {
                    outcome = .success((email(from: bytes, labels: item.labels, mailboxID: mailboxID,
                                              keepingAttachmentBytes: keepingAttachmentBytes), bytes.count))
                }
            } catch let refusal as FileRefusal {
                // What it is says enough here; the advice is for files named on the command line.
                outcome = .failure(Failure(reason: refusal.isWrongKind ? refusal.fact : refusal.reason))
            } catch {
                outcome = .failure(Failure(reason: ErrorReason.text(for: error)))
            }
            results.set(index, Parsed(location: item.location, outcome: outcome))
        }
        return results.values
    }

    /// The message as the store keeps it; imported mail is keyed by its Message-ID (or its digest).
    static func email(from bytes: [UInt8], labels: [String], mailboxID: Int64,
                      keepingAttachmentBytes: Int = IncomingEmail.defaultKeptAttachmentBytes) -> IncomingEmail {
        let message = Message(bytes: bytes)
        let prefix = IncomingEmail.importedIDPrefix
        let key = message.messageID.map { prefix + $0 } ?? prefix + "sha256:" + SHA256.hex(bytes)
        let thread = message.references.first ?? message.inReplyTo.first ?? message.messageID
        return IncomingEmail(message: message, mailboxID: mailboxID, gmailID: key, threadID: thread,
                             labels: labels, receivedAt: nil, keepingAttachmentBytes: keepingAttachmentBytes)
    }
}

/// Slots that parallel workers fill, each writing only its own index.
private final class ParsedSlots: @unchecked Sendable {
    // Safe: concurrentPerform gives every index to exactly one worker, each worker writes only
    // its own slot, and `values` is read only after concurrentPerform has returned.
    private var slots: [MailImporter.Parsed?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: MailImporter.Parsed) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    var values: [MailImporter.Parsed] { slots.compactMap { $0 } }
}
