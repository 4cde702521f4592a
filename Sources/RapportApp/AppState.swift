import CRMCore
import Foundation
import TerminalUI

/// Everything the screen shows, as plain values: the reducer changes it, the view draws it.
public struct AppState: Sendable {
    public let user: User
    public var size: TerminalSize
    public var now: Date
    /// The zone dates are shown in.
    public var timeZone: TimeZone = .current
    public var screen: Screen = .mail
    /// Where q/Esc go back to: the screens before, each with the pane that had the keys.
    var history: [Place] = []
    var focus: Focus = .primary

    // Mail
    var mailboxes: [Mailbox] = []
    var mailboxList = ListState()
    /// The part of the mail list loaded so far: conversations, newest first, a window that reaches one
    /// end of the list (`mailWindow`) and grows a page at a time toward the other.
    var conversations: [Conversation] = []
    var mailList = ListState()
    /// Which conversations the list shows (Inbox, Sent, All Mail, Unread, Trash or a label).
    var mailFolder: MailFolder = .inbox
    /// The mailbox's (or mailboxes') own labels, by name, which `v` also steps through.
    var mailLabels: [String] = []
    var mailWindow = MailWindow()
    /// How many conversations a page of the mail list holds.
    static let mailPage = 50
    /// Per account, what sync is doing now.
    var progress: [String: SyncProgress] = [:]

    // Outbox
    var outboxStatus: OutboxStatus = .draft
    var outboxCounts: [OutboxStatus: Int] = [:]
    var outbox: [OutgoingEmail] = []
    var outboxList = ListState()
    var statusHistory: [StatusChange] = []
    /// How long a just-queued email can still be pulled back (the sender's rule, shown as a countdown).
    public var undoWindow = UndoWindow.standard
    /// The email the person just queued, while it can be pulled back: the status line counts down and
    /// `u` undoes it, from any list.
    var justQueued: JustQueued?

    // Contacts
    var contacts: [ContactSummary] = []
    var contactList = ListState()
    /// How many contacts match the filter in all (the list reads a page at a time); nil when a
    /// filter's page came back full, so more may match than are read.
    var contactTotal: Int? = 0
    /// How many rows of the list are read: a page more when the selection reaches the end.
    var contactLimit = AppState.contactPage
    /// How many contacts a page of the list holds.
    public static let contactPage = 100
    /// The contact marked with m, to merge into the next one chosen.
    var mergeSource: Contact?
    var contactFilter = TextField(text: "", placeholder: "type to filter by name, company or address")
    /// The contacts list shows who is going cold instead of everyone.
    var showingGoingCold = false
    /// When the team was last in touch with each contact going cold.
    var lastTouch: [Int64: Date] = [:]
    /// Days without contact after which someone is going cold (`insights.cold_days`).
    public var coldDays = ContactInsights.defaultColdDays
    var filterFocused = false
    /// What the contacts list shows now: who is going cold, or every contact, among those the filter matches.
    var contactsRequest: DataRequest {
        showingGoingCold ? .goingCold(days: coldDays, filter: contactFilter.text)
            : .contacts(filter: contactFilter.text, limit: contactLimit)
    }

    // Timeline
    var timeline: TimelineData?
    var timelineList = ListState()

    // Deals
    var pipeline: [PipelineStage] = []
    var deals: [Deal] = []
    var dealList = ListState()
    var dealPage: DealPage?
    var dealPageList = ListState()

    // Message
    var message: MailMessage?
    var messageScroll = 0
    /// The incoming message just opened, to mark read once it has loaded (only then: marked unread
    /// while open, it stays unread).
    var readOnLoad: MessageRef?
    /// The last archive, trash or mark unread, which `z` undoes.
    var lastMailChange: MailChange?

    // Conversation
    /// The open conversation's messages, oldest first (scrolled with `messageScroll`).
    var thread: [MailMessage] = []
    /// The message of the open conversation that reply and forward answer.
    var threadSelected = 0
    /// Quoted text and signatures shown in full rather than folded to one line each.
    var quotesExpanded = false
    /// The attachments of the open conversation's messages, by message.
    var threadAttachments: [Int64: [AttachmentSummary]] = [:]
    /// The attachments of the open message (`message`).
    var messageAttachments: [AttachmentSummary] = []
    /// The open conversation as lines, kept while its messages, the width and the folding stay the same.
    var threadLayout: ConversationLayout?
    /// The conversation just opened, to mark its unread messages read once it has loaded.
    var readThreadOnLoad: Int64?

    // Search
    var searchField = TextField(text: "", placeholder: "search names, subjects and mail")
    var searchResults: [SearchResult] = []
    var searchList = ListState()
    /// The search box changed and its results are still to come.
    var searchPending = false

    // Follow-ups
    var followups: [Followup] = []
    var followupList = ListState()
    /// The names of the follow-ups' contacts, by id.
    var followupNames: [Int64: String] = [:]
    /// How many follow-ups are due, for the tab bar (read with every refresh, as a count).
    var dueFollowups = 0
    /// Days a sent email waits for a reply before it is listed (`[followups] days`).
    public var followupDays = NumberSetting.followupDays.wholeDefault

    // Composer
    var composer: ComposerState?
    var mailboxChoices: [EmailAddress] = []
    /// The user's signature for each of their mailboxes that has one (their own files).
    var signatures: [EmailAddress: Signature] = [:]
    /// Why a mailbox's signature file was not used, said when a composer opens for it.
    var signatureWarnings: [EmailAddress: String] = [:]

    // Overlays
    var prompt: Prompt?
    /// A note, call or meeting the store could not save; its key on that timeline brings the text back.
    var unsavedActivity: UnsavedActivity?
    /// Why the open email is or is not on a timeline (`w`), shown over it until a key is pressed.
    var explanation: TimelineExplanation?
    var helpVisible = false
    var helpScroll = 0
    var notice: Notice?
    /// How many of the user's queued emails wait in mailboxes no `rapport sync` daemon serves (the
    /// status line warns: they go out only while Rapport runs).
    var unattendedQueued = 0
    var themeName = "default"

    public var shouldQuit = false

    /// What was typed for a note, call or meeting that could not be saved.
    struct UnsavedActivity: Equatable, Sendable {
        let contactID: Int64
        let type: ActivityType
        let summary: String
    }

    public init(user: User, size: TerminalSize, now: Date) {
        self.user = user
        self.size = size
        self.now = now
    }

    /// The screen shown now.
    public var currentScreen: Screen { screen }
    /// The composer's state, when it is open.
    public var currentComposer: ComposerState? { composer }
    /// The messages of the open conversation, oldest first (empty while none is open or loaded).
    public var currentThread: [MailMessage] { thread }
}

/// A screen to go back to, with the pane that had the keys there (leaving a message returns to the
/// mail list it was opened from, not to the mailboxes beside it).
struct Place: Equatable, Sendable {
    var screen: Screen
    var focus: Focus = .primary
}

/// Which end of the mail list the loaded conversations reach, and whether more lie beyond each side.
struct MailWindow: Equatable, Sendable {
    /// The window was read from the oldest end (`G`) rather than from the newest.
    var fromOldest = false
    /// Older conversations exist past the last loaded one.
    var hasOlder = false
    /// Newer conversations exist before the first loaded one.
    var hasNewer = false
    /// The page being read is `g`'s or `G`'s: once it arrives, select its first or last conversation.
    var jump: Jump?

    enum Jump: Equatable, Sendable { case first, last }
}

/// An email a person queued a moment ago, until its undo window closes.
struct JustQueued: Equatable, Sendable {
    let id: Int64
    /// Its subject, made one safe line.
    let subject: String
    /// When the window closes and the sender may take it.
    let until: Date
}

/// What sync is doing for one account, for the mailboxes pane and the status bar.
public struct SyncProgress: Equatable, Sendable {
    public var phase: SyncPhase
    public var done: Int
    public var total: Int
}
