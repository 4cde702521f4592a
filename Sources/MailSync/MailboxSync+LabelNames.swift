import CRMCore
import CRMStore
import Foundation
import GmailAPI

extension MailboxSync {
    /// Lists the mailbox's labels (1 quota unit) when the stored list is missing, old, or does not name
    /// a label its mail now carries, so that views and output can call user labels by their names.
    func refreshLabels() throws {
        guard try store.labelsNeedListing(mailbox: mailbox.id, now: now, maximumAge: settings.labelListAge,
                                          minimumAge: settings.labelListMinimumAge) else { return }
        let response = try retrying { () throws(GmailError) in try client.labels() }
        try store.replaceLabels(mailbox: mailbox.id, with: GmailMapping.labels(response), listedAt: now)
    }
}
