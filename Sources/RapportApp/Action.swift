import CRMCore
import Foundation
import TerminalUI

/// Everything that can change the app's state: keys, time, sync events and the results of effects.
public enum Action: Sendable {
    case key(Key)
    case resized(TerminalSize)
    /// A second passed (countdowns, notices that expire).
    case tick(Date)
    /// What sync reports (progress, failures); its writes reach the screen as `.externalChange`.
    case sync(SyncEvent)
    /// Another connection committed to the database (`PRAGMA data_version` moved): sync, in this
    /// process or another, or another session. Re-read what is visible.
    case externalChange
    case loaded(Loaded)
    /// An effect failed; `message` is for people.
    case failed(String)
    /// A note, call or meeting could not be saved (`reason` is for people); its text is kept.
    case activityNotSaved(contactID: Int64, type: ActivityType, summary: String, reason: String)
    /// An effect worked; `message` (if any) goes on the status line.
    case done(String?)
    /// Messages open on screen were marked read in the store: their labels change in place, and
    /// nothing is read again (a 50-message conversation would be, for one label).
    case markedRead(messageIDs: [Int64])
    /// Something happened elsewhere (sync sent the user's email): `message` goes on the status line,
    /// and nothing is read again for it.
    case notice(String)
    /// A message's labels changed as the person asked (`Effect.changeMail`); `z` can undo it.
    case mailChanged(MailChange)
    /// The composer's work was saved as outgoing email `id` (a draft, or queued).
    case composerSaved(outgoingID: Int64)
    /// The composer was submitted (sent, scheduled or kept as a draft) and can close; `message` (if any)
    /// goes on the status line.
    case composerClosed(String?)
    /// A person queued `email` (sent it, or retried it) just now: while it can be pulled back, the status
    /// line counts down.
    case queued(OutgoingEmail)
    /// `$EDITOR` saved its file with this text (nil: it failed or was cancelled).
    case editorFinished(String?)
    /// A file passed the checks and is attached to the composer's email.
    case attached(String)
    /// The names that could complete the path typed in the attach prompt.
    case pathCompleted(PathCompletion)
    /// What `query` could link the composer's email to.
    case linkCandidates(query: String, [LinkCandidate])
    /// Typing in the search box paused with `text` in it.
    case searchPaused(String)
    /// The templates there are, by name (`Effect.listTemplates`).
    case templateNames([String])
    /// Template `name` filled in for the composer's email.
    case templateFilled(name: String, subject: String?, body: String)
}

/// Data the loader read for a screen.
public enum Loaded: Sendable {
    /// The user's mailboxes, and how many of their queued emails wait in mailboxes no sync daemon serves.
    case mailboxes([Mailbox], unattendedQueued: Int)
    case conversations(ConversationPage, [Conversation])
    case mailLabels(mailboxIDs: [Int64], [String])
    /// The messages of the conversation opened from the message `ofMessage`, oldest first.
    case conversation(ofMessage: Int64, [MailMessage], attachments: [Int64: [AttachmentSummary]] = [:])
    case outbox(status: OutboxStatus, counts: [OutboxStatus: Int], [OutgoingEmail])
    case statusHistory(outgoingID: Int64, [StatusChange])
    /// A page of the contacts matching `filter`, and how many match in all (nil: as many as listed).
    case contacts(filter: String, [ContactSummary], total: Int? = nil)
    /// The contacts going cold, with when the team was last in touch with each.
    case goingCold(filter: String, [ContactSummary], lastTouch: [Int64: Date])
    /// The pipeline by stage and the deals in it.
    case deals([PipelineStage], [Deal])
    case deal(DealPage)
    case timeline(TimelineData)
    /// An email, with the attachments it lists when it arrived.
    case message(MailMessage, attachments: [AttachmentSummary] = [])
    case search(text: String, [SearchResult])
    case completions(text: String, [Contact])
    /// The contact `address` belongs to, nil when nobody in the team has it.
    case recipientContact(EmailAddress, Contact?)
    /// The user's mailboxes, with the signature of each that has one and why a signature file was not used.
    case mailboxChoices([EmailAddress], signatures: [EmailAddress: Signature] = [:],
                        signatureWarnings: [EmailAddress: String] = [:])
    /// A composer the controller prepared (a reply, or a draft reopened).
    case composer(ComposerState)
    /// The follow-ups, with the names of their contacts.
    case followups([Followup], names: [Int64: String])
    /// How many follow-ups are due (read with the mailboxes, for the tab bar).
    case dueFollowups(Int)
    /// Why a message is or is not on a timeline.
    case explanation(TimelineExplanation)
}
