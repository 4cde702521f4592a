import CRMCore
import Foundation
import GmailAPI
import MailFormat

/// The one place Gmail's types become the CRM's: a fetched message becomes an `IncomingEmail`,
/// history records become planner changes, a label list becomes `MailLabel`s.
enum GmailMapping {
    /// The stored form of a message fetched with format=raw, keeping the bytes of attachments up to
    /// `keepingAttachmentBytes`; nil when Gmail sent no raw bytes.
    static func incoming(_ message: GmailMessage, mailboxID: Int64, keepingAttachmentBytes: Int) -> IncomingEmail? {
        guard let raw = message.raw else { return nil }
        let parsed = MailFormat.Message(bytes: raw)
        var email = IncomingEmail(message: parsed, mailboxID: mailboxID, gmailID: message.id,
                                  threadID: message.threadID.isEmpty ? nil : message.threadID,
                                  labels: message.labelIDs,
                                  receivedAt: message.internalDate > 0 ? message.internalDateValue : nil,
                                  keepingAttachmentBytes: keepingAttachmentBytes)
        if message.historyID > 0 { email.historyID = message.historyID }
        return email
    }

    /// History records as the planner reads them, in record order.
    static func changes(_ records: [GmailHistory]) -> [HistoryChange] {
        var changes: [HistoryChange] = []
        for record in records {
            for added in record.messagesAdded {
                changes.append(.added(id: added.message.id, threadID: added.message.threadID,
                                      labels: added.message.labelIDs))
            }
            for deleted in record.messagesDeleted {
                changes.append(.deleted(id: deleted.message.id))
            }
            for change in record.labelsAdded {
                changes.append(.labelsChanged(id: change.message.id, threadID: change.message.threadID,
                                              labels: change.message.labelIDs))
            }
            for change in record.labelsRemoved {
                changes.append(.labelsChanged(id: change.message.id, threadID: change.message.threadID,
                                              labels: change.message.labelIDs))
            }
        }
        return changes
    }

    /// A mailbox's labels as `labels.list` gave them (labels without an id are dropped).
    static func labels(_ response: GmailListLabelsResponse) -> [MailLabel] {
        response.labels.filter { !$0.id.isEmpty }.map {
            MailLabel(id: $0.id, name: $0.name.isEmpty ? $0.id : $0.name, isSystem: $0.isSystem)
        }
    }
}
