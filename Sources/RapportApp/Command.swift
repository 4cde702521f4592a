import CRMCore

/// Everything a key can ask for. The keymap binds keys to commands; the help overlay lists them
/// with `summary`, so help can never drift from what the keys do.
public enum Command: String, CaseIterable, Hashable, Sendable {
    // Anywhere
    case quit, back, help, commandLine, nextPane, previousPane
    case showMail, showOutbox, showContacts, showSearch, showDeals, showFollowups, compose, syncNow
    // Lists
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom, open
    // Outbox
    case queueEmail, cancelEmail, retryEmail, editEmail, deleteEmail, nextStatus, previousStatus, undoSend
    // Timeline and mail
    case reply, replyAll, forward, addNote, logCall, logMeeting
    // Contacts, the timeline and deals
    case addContact, editContact, mergeContact, deleteContact, editActivity, deleteActivity, nextStage, previousStage
    // Mail and a message
    case archive, trash, markUnread, undoMailChange, nextView, previousView
    // A conversation
    case nextMessage, previousMessage, toggleQuotes, saveAttachments
    // Composer
    case send, schedule, saveDraft, discard, attach, link, externalEditor, nextField, previousField, focusFilter, toggleGoingCold
    // Overlays and prompts
    case confirm, dismiss, complete
    // Follow-ups, reminders, templates and explain
    case finishFollowup, snoozeFollowup, remind, insertTemplate, explain

    /// What the help overlay says it does.
    var summary: String {
        switch self {
        case .quit: return "quit Rapport"
        case .back: return "go back (from the mailboxes on Mail: quit)"
        case .help: return "show or hide this help"
        case .commandLine: return "type a command (:sync, :compose, :theme NAME, :q)"
        case .nextPane: return "next pane"
        case .previousPane: return "previous pane"
        case .showMail: return "mailboxes and mail"
        case .showOutbox: return "outbox by status"
        case .showContacts: return "contacts"
        case .showSearch: return "search everything"
        case .showDeals: return "deals: the pipeline by stage"
        case .addContact: return "add a contact"
        case .editContact: return "edit the contact (names, addresses, company, phone, owner)"
        case .mergeContact: return "merge: mark a contact, then m on the one to keep (Esc cancels)"
        case .deleteContact: return "delete the contact (asks first; the mail stays)"
        case .editActivity: return "edit the selected note, call or meeting"
        case .deleteActivity: return "delete the selected note, call or meeting (asks first)"
        case .nextStage: return "move the deal to the next stage (recorded on the timeline)"
        case .previousStage: return "move the deal back a stage (recorded on the timeline)"
        case .showFollowups: return "follow-ups: mail with no reply, and reminders"
        case .finishFollowup: return "mark the follow-up done"
        case .snoozeFollowup: return "snooze the follow-up until a time you type"
        case .remind: return "remind me to follow up this contact (when, then a note)"
        case .insertTemplate: return "fill subject and body from a template"
        case .explain: return "why this email is or is not on a timeline, and whose"
        case .compose: return "write a new email"
        case .syncNow: return "sync mail now"
        case .down: return "move down"
        case .up: return "move up"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .halfPageDown: return "half a page down"
        case .halfPageUp: return "half a page up"
        case .top: return "go to the top"
        case .bottom: return "go to the bottom"
        case .open: return "open the selected item"
        case .queueEmail: return "send the selected draft (queue it)"
        case .cancelEmail: return "undo: the email just sent, else the selected one"
        case .undoSend: return "undo the email just sent (while it counts down)"
        case .retryEmail: return "try a failed email again"
        case .editEmail: return "edit the selected draft or failed email"
        case .deleteEmail: return "delete the selected draft"
        case .nextStatus: return "next status group"
        case .previousStatus: return "previous status group"
        case .reply: return "reply to the selected email"
        case .replyAll: return "reply to everyone on the selected email"
        case .forward: return "forward the selected email"
        case .archive: return "archive the conversation (out of the inbox)"
        case .trash: return "move the conversation to the trash"
        case .markUnread: return "mark the conversation unread"
        case .undoMailChange: return "undo the last archive, trash or mark unread"
        case .nextView: return "next view: Inbox, Sent, All Mail, Unread, Trash, labels"
        case .previousView: return "previous view"
        case .nextMessage: return "next message of the conversation"
        case .previousMessage: return "previous message of the conversation"
        case .toggleQuotes: return "show or fold quoted text and signatures"
        case .saveAttachments: return "save the email's attachments (one by number, or all) to [mail] download_dir"
        case .addNote: return "add a note"
        case .logCall: return "log a call"
        case .logMeeting: return "log a meeting"
        case .send: return "send (queued, with a few seconds to undo)"
        case .schedule: return "send later, at a time you give"
        case .saveDraft: return "save as a draft and close"
        case .discard: return "discard this email and close (asks first)"
        case .attach: return "attach a file"
        case .link: return "link the email to a deal, company or contact"
        case .externalEditor: return "edit the body in $EDITOR"
        case .nextField: return "next field"
        case .previousField: return "previous field"
        case .focusFilter: return "type to filter the list (Enter or Esc to return)"
        case .toggleGoingCold: return "who is going cold (no contact for a while) / every contact"
        case .confirm: return "confirm"
        case .dismiss: return "cancel"
        case .complete: return "complete the file name, or list the names that fit"
        }
    }
}

extension Command {
    /// The kind of activity this timeline command adds by hand (nil for every other command).
    var activityType: ActivityType? {
        switch self {
        case .addNote: return .note
        case .logCall: return .call
        case .logMeeting: return .meeting
        default: return nil
        }
    }
}
