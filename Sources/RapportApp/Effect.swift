import CRMCore
import Foundation

/// What the reducer asks the controller to do; the results come back as actions.
public enum Effect: Equatable, Sendable {
    /// Read data for the screen.
    case load(DataRequest)
    /// Move an outgoing email through the outbox (queue, cancel, retry, edit).
    case outbox(OutboxAction, id: Int64)
    case deleteOutgoing(id: Int64)
    /// Save the composer's state as typed, so nothing is lost if the process dies.
    case saveComposerSession(ComposerSnapshot)
    /// Turn the composer into an outgoing email: a draft, or queued (now or at `sendAt`).
    case submitComposer(ComposerSnapshot, queue: Bool, sendAt: Date?)
    /// Open the composer again for draft or failed email `id`.
    case reopenDraft(id: Int64)
    /// Forget the composer's saved state (closed without anything worth keeping).
    case clearComposerSession
    /// Check that a file can be attached, then add it to the composer.
    case attachFile(String)
    /// Read the folder of the path typed so far, for the names that complete it.
    case completePath(String)
    /// Find what the composer's email could be linked to: deals, companies and contacts (or one `kind`) matching `query`.
    case findLink(kind: String?, query: String)
    /// Build a reply, reply to all or forward of an email (`ReplyPlan`) and open it in the composer;
    /// `activityID` is its timeline entry when it was chosen on a timeline.
    case startReply(ReplyPlan.Kind, MessageRef, activityID: Int64?)
    /// Mark incoming messages read, as opening them in the person's own mailbox does (a teammate's
    /// mail is left as it is, without a word).
    case markRead(messageIDs: [Int64])
    /// Archive, trash or mark unread incoming messages (with their conversations where the action
    /// covers them; `subject` for the status line), as one change `z` undoes.
    case changeMail(MailAction, messageIDs: [Int64], subject: String)
    /// Save incoming email `messageID`'s attachments (all, or the one at `position`, from 0) into the
    /// download folder, and open a file saved alone with `$RAPPORT_OPENER` when it is set.
    case saveAttachments(messageID: Int64, position: Int?)
    /// Undo a change made with `changeMail`.
    case undoMailChange(MailChange)
    /// Add a note, call or meeting, or change one (`ActivityDraft.id`).
    case saveActivity(ActivityDraft)
    /// Delete a note, call or meeting.
    case deleteActivity(id: Int64)
    /// Add a contact (`id` nil), or change one.
    case saveContact(id: Int64?, ContactDraft)
    case deleteContact(id: Int64)
    /// Merge contact `merged` into `kept` (the store's `mergeContact`).
    case mergeContacts(merged: Int64, into: Int64)
    /// Move deal `id` to `stage`, recorded on its contact's timeline.
    case moveDeal(id: Int64, stage: String)
    /// Search for `text` once typing pauses (each keystroke asks again; only the last one searches).
    case searchAfterPause(String)
    case requestSync
    /// Edit this text (the body as a file: `TextEditor.fileText`) in `$EDITOR`.
    case openEditor(String)
    case setTheme(String)
    /// Mark a follow-up done (`Store.finishFollowup`).
    case finishFollowup(FollowupKey)
    /// Put a follow-up off until `until` (`Store.snoozeFollowup`).
    case snoozeFollowup(FollowupKey, until: Date)
    /// Set a reminder to follow up a contact at `at`.
    case addReminder(contactID: Int64, at: Date, note: String)
    /// Read why incoming message `messageID` is or is not on a timeline (`Store.explanation`).
    case explain(messageID: Int64)
    /// Read the names of the templates there are, to pick one for the composer.
    case listTemplates
    /// Read template `name` and fill it in for the email linked to `link` and sent first to `to`.
    case fillTemplate(name: String, link: RecordLink?, to: EmailAddress?)
    case quit
}

/// A query the loader runs.
public enum DataRequest: Hashable, Sendable {
    case mailboxes
    /// A page of the mail list's conversations.
    case conversations(ConversationPage)
    /// The own labels of mailboxes, by name.
    case mailLabels(mailboxIDs: [Int64])
    /// Every message of the conversation stored email `id` belongs to.
    case conversation(ofMessage: Int64)
    case outbox(OutboxStatus)
    case statusHistory(outgoingID: Int64)
    /// The first `limit` contacts matching `filter` (pages of `AppState.contactPage`), as list rows.
    case contacts(filter: String, limit: Int = AppState.contactPage)
    /// The pipeline and every deal.
    case deals
    /// One deal's page.
    case deal(id: Int64)
    /// Contacts nobody has been in touch with for `days` days, most recently lapsed first, among
    /// those `filter` matches (all of them when it is empty).
    case goingCold(days: Int, filter: String)
    case timeline(contactID: Int64)
    case message(MessageRef)
    case search(String)
    case completions(String)
    /// The contact an address belongs to (the composer's link follows the first address in To).
    case recipientContact(EmailAddress)
    case mailboxChoices
    /// Every follow-up (`Store.followups`), with `days` days without a reply.
    case followups(days: Int)
}

/// A page of a mail list: the conversations of some mailboxes in a folder, either side of a cursor.
public struct ConversationPage: Hashable, Sendable {
    public var mailboxIDs: [Int64]
    public var folder: MailFolder
    /// Older than `cursor` (nil: from the newest), or newer than it (nil: from the oldest).
    public var older: Bool
    public var cursor: ConversationCursor?
    public var limit: Int

    public init(mailboxIDs: [Int64], folder: MailFolder, older: Bool, cursor: ConversationCursor?, limit: Int) {
        self.mailboxIDs = mailboxIDs
        self.folder = folder
        self.older = older
        self.cursor = cursor
        self.limit = limit
    }
}
