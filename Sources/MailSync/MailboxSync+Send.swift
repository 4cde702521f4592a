import CRMCore
import CRMStore
import Foundation
import GmailAPI
import MailFormat

extension MailboxSync {
    /// Mail left in `sending` (a crash, or Gmail's answer lost in transit) is looked up in Sent by its
    /// Message-ID before anything is sent again: found, it is recorded as sent; not found, it goes
    /// back to the queue. So a message is never sent twice and never dropped.
    func recoverInterruptedSends() throws {
        for id in try store.sendingOutgoing(mailbox: mailbox.id) {
            guard let email = try store.outgoingEmail(id: id, in: .everyone), let messageID = email.messageID else { continue }
            if let found = try sentCopy(of: messageID) {
                try store.apply(.markSent, to: id, by: owner, Store.OutboxUpdate(gmailID: found.id, threadID: found.threadID))
                emit(.outboxChanged(id: id, status: .sent))
            } else {
                try store.apply(.requeue, to: id, by: owner, Store.OutboxUpdate(
                    error: "interrupted before Gmail confirmed it; sending it again", nextAttemptAt: now))
                emit(.outboxChanged(id: id, status: .queued))
            }
        }
    }

    /// Sends every due email: claimed atomically (queued → sending) once its seal is seen to be its
    /// author's, looked up in Sent in case it went out before, written with MailFormat (replies
    /// thread), sent into its thread, and recorded with Gmail's ids; recipient limits are checked first.
    func sendDue() throws {
        let due = try store.dueOutgoing(mailbox: mailbox.id, now: now, undoWindow: settings.undoWindow)
        for (index, id) in due.enumerated() {
            if shouldStop() { throw Stopped() }
            guard let claimed = try claimSealed(id) else { continue }
            let email = claimed.email
            emit(.outboxChanged(id: id, status: .sending))
            let sentLately = try store.recipientsSent(mailbox: mailbox.id, since: now.addingTimeInterval(-86_400))
            if case .refused(let reason) = settings.sendLimits.check(recipients: email.allRecipients.count,
                                                                       sentInLast24Hours: sentLately) {
                try store.apply(.markFail, to: id, by: owner, Store.OutboxUpdate(error: reason))
                emit(.outboxChanged(id: id, status: .failed))
                emit(.failed(SyncFailure(account: account, kind: .sendRefused, message: reason)))
                continue
            }
            // Sealed mail that went out already (its row set back to queued in the database) is not sent
            // again: Gmail's Sent mail, not the shared database, says whether it went.
            if let found = try sentCopy(of: claimed.messageID) {
                try store.apply(.markSent, to: id, by: owner,
                                Store.OutboxUpdate(gmailID: found.id, threadID: found.threadID))
                emit(.outboxChanged(id: id, status: .sent))
                continue
            }
            let raw = try message(for: claimed)
            let sent: GmailMessage
            do {
                sent = try client.send(raw: raw, threadID: email.threadID)
            } catch {
                try handleSendFailure(error, id: id)
                continue
            }
            try store.apply(.markSent, to: id, by: owner, Store.OutboxUpdate(gmailID: sent.id, threadID: sent.threadID))
            emit(.outboxChanged(id: id, status: .sent))
            emit(.storeChanged(.outbox))
            emit(.progress(account: account, phase: .send, done: index + 1, total: due.count))
        }
    }

    /// Claims due email `id` with the words and attachments it will be sent with, read in the same
    /// transaction that checks it is still due (a person who cancelled and queued it again meanwhile
    /// gets a fresh undo window) and that checks its seal against the owner's key. Mail whose seal
    /// does not verify (queued or changed outside Rapport, by anyone without the key) is failed with
    /// words saying so, and nil returned, as when it is no longer due.
    private func claimSealed(_ id: Int64) throws -> SealedEmail? {
        let claimed = try store.connection.write { () throws -> Result<SealedEmail, OutboxSeal.Problem>? in
            guard try store.dueOutgoing(mailbox: mailbox.id, now: now, undoWindow: settings.undoWindow).contains(id)
            else { return nil }
            let email = try store.apply(.claim, to: id, by: owner)
            let attachments = try store.attachmentData(of: id, in: .everyone)
            let content = OutboxSeal(email, attachments: attachments, from: mailbox.email, fromName: owner.name)
            let problem = sealingKey.problem(with: try store.outgoingSeal(id: id), for: content)
            guard problem == nil, let messageID = email.messageID else {
                let problem = problem ?? .missing
                try store.apply(.markFail, to: id, by: owner, Store.OutboxUpdate(error: problem.message))
                return .failure(problem)
            }
            return .success(SealedEmail(email: email, messageID: messageID, attachments: attachments))
        }
        switch claimed {
        case .success(let ready)?:
            return ready
        case .failure(let problem)?:
            emit(.outboxChanged(id: id, status: .failed))
            emit(.failed(SyncFailure(account: account, kind: .sendRefused,
                                     message: "outgoing email \(id) was not sent: " + problem.message)))
            return nil
        case nil:
            return nil
        }
    }

    /// A claimed email whose seal verified: what it is sent with.
    struct SealedEmail {
        let email: OutgoingEmail
        let messageID: String
        let attachments: [NewAttachment]
    }

    /// This mailbox's copy in Sent of the message with `messageID`, if Gmail has one.
    private func sentCopy(of messageID: String) throws -> GmailMessageRef? {
        try retrying { () throws(GmailError) in
            try client.listMessages(query: "rfc822msgid:\(messageID) in:sent", maxResults: 1)
        }.messages.first
    }

    private func handleSendFailure(_ error: GmailError, id: Int64) throws {
        switch error {
        case .rateLimited(let after, _):
            // Refused before Gmail took it: certainly not sent. Try again when Gmail allows.
            try store.apply(.requeue, to: id, by: owner, Store.OutboxUpdate(
                error: error.description, nextAttemptAt: now.addingTimeInterval(backoff.next(retryAfter: after))))
            emit(.outboxChanged(id: id, status: .queued))
        case .permanent, .permission, .invalidConfiguration, .notFound:
            try store.apply(.markFail, to: id, by: owner, Store.OutboxUpdate(error: error.description))
            emit(.outboxChanged(id: id, status: .failed))
        case .needsLogin:
            try store.apply(.requeue, to: id, by: owner, Store.OutboxUpdate(error: error.description, nextAttemptAt: now))
            emit(.outboxChanged(id: id, status: .queued))
            throw error
        case .temporary, .badResponse, .unauthorized, .historyExpired:
            // Gmail may or may not have taken it: leave it `sending`; the next cycle looks for it in
            // Sent before anything is sent again.
            emit(.failed(SyncFailure(account: account, kind: .temporary,
                                     message: "\(error.description); will check whether it went out before retrying")))
        }
    }

    /// The RFC 5322 bytes of an outgoing email, all of it as sealed: our Message-ID, the owner's name
    /// on From, the names typed for recipients (else the contact's name), In-Reply-To and References
    /// for a reply (MessageWriter writes only ids that are one header word), attachments.
    func message(for sealed: SealedEmail) throws -> [UInt8] {
        let email = sealed.email
        func address(_ value: EmailAddress) throws -> MailAddress {
            let name = try email.displayNames[value] ?? store.contact(email: value, in: .team(email.teamID))?.name
            return MailAddress(name: name, address: value.value)
        }
        var outgoing = OutgoingMessage(from: MailAddress(name: owner.name, address: mailbox.email.value),
                                       to: try email.to.map(address), subject: email.subject, body: email.bodyText,
                                       date: now, messageID: sealed.messageID)
        outgoing.cc = try email.cc.map(address)
        outgoing.bcc = try email.bcc.map(address)
        outgoing.inReplyTo = email.inReplyTo
        outgoing.references = email.references
        outgoing.attachments = sealed.attachments.map {
            OutgoingMessage.Attachment(filename: $0.filename, contentType: $0.contentType, data: [UInt8]($0.data))
        }
        return MessageWriter.write(outgoing)
    }
}
