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
    var mail: [MailSummary] = []
    var mailList = ListState()
    /// How many of the mailbox's newest messages are read: a page more each time the selection
    /// reaches the end of those loaded, and as many again when the screen is read again.
    var mailLimit = AppState.mailPage
    /// How many messages a page of the mail list holds.
    static let mailPage = 300
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
    var contacts: [Contact] = []
    var contactList = ListState()
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
        showingGoingCold ? .goingCold(days: coldDays, filter: contactFilter.text) : .contacts(filter: contactFilter.text)
    }

    // Timeline
    var timeline: TimelineData?
    var timelineList = ListState()

    // Message
    var message: MailMessage?
    var messageScroll = 0
    /// The incoming message just opened, to mark read once it has loaded (only then: marked unread
    /// while open, it stays unread).
    var readOnLoad: MessageRef?
    /// The last archive, trash or mark unread, which `z` undoes.
    var lastMailChange: MailChange?

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
}

/// A screen to go back to, with the pane that had the keys there (leaving a message returns to the
/// mail list it was opened from, not to the mailboxes beside it).
struct Place: Equatable, Sendable {
    var screen: Screen
    var focus: Focus = .primary
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
