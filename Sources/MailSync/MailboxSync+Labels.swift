import CRMCore
import CRMStore
import Foundation
import GmailAPI

extension MailboxSync {
    /// Sends the label changes made here (read, archive, trash…) to Gmail before anything is pulled,
    /// so that history cannot bring back what the person changed: messages taking the same change
    /// go in one messages.batchModify of up to 1,000 (one alone in a messages.modify), each paced by
    /// the quota bucket. A change is forgotten only after Gmail's yes, or its 404 for a message it no
    /// longer has. One Gmail refuses waits and is tried again (`PendingLabelChange.retryDelay`); when
    /// Gmail cannot be reached the cycle ends as for any other step, and the changes wait.
    func pushLabelChanges() throws {
        let pending = try store.pendingLabelChanges(mailbox: mailbox.id, now: now)
        guard !pending.isEmpty else { return }
        for batch in PendingLabelChange.batches(pending) {
            if shouldStop() { throw Stopped() }
            try push(batch.changes, change: batch.change)
            try renewLease()
        }
    }

    private func push(_ changes: [PendingLabelChange], change: LabelChange) throws {
        do {
            if changes.count == 1 {
                _ = try retrying { () throws(GmailError) in
                    try client.modify(id: changes[0].gmailID, add: change.add, remove: change.remove)
                }
            } else {
                try retrying { () throws(GmailError) in
                    try client.batchModify(ids: changes.map(\.gmailID), add: change.add, remove: change.remove)
                }
            }
            try store.forgetLabelChanges(mailbox: mailbox.id, changes)
        } catch let error as GmailError {
            switch error {
            case .notFound where changes.count == 1:
                // Deleted in Gmail meanwhile: there is nothing left to change (history deletes it here).
                try store.forgetLabelChanges(mailbox: mailbox.id, changes)
            case .notFound, .permanent:
                guard changes.count > 1 else { return try postpone(changes, refusedWith: error) }
                // Gmail does not say which message it objects to: each is tried alone.
                for one in changes { try push([one], change: change) }
            case .permission, .badResponse:
                try postpone(changes, refusedWith: error)
            default:
                throw error
            }
        }
    }

    /// Puts changes Gmail refused off for a while, and says so.
    private func postpone(_ changes: [PendingLabelChange], refusedWith error: GmailError) throws {
        try store.deferLabelChanges(mailbox: mailbox.id, changes, error: error.description, now: now)
        let count = changes.count == 1 ? "a label change" : "\(changes.count) label changes"
        emit(.failed(SyncFailure(account: account, kind: Self.kind(of: error),
                                 message: "\(error.description); \(count) will be tried again later")))
    }
}
