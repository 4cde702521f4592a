import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// The one-line questions as values: `:` commands, yes/no before deleting, a note's line; what
/// Enter, Esc and C-c do with them.
@Suite struct PromptReducerTests {
    let reducer = Reducer()

    /// `:` typed, then `command` and Enter, on the Mail screen.
    func command(_ command: String, on screen: Screen = .mail) -> (AppState, [Effect]) {
        var state = AppState.testing(on: screen)
        let effects = state.press(#": "\#(command)" Enter"#, reducer)
        return (state, effects)
    }

    // MARK: the command line

    @Test func colonOpensTheCommandLineAndTypingGoesIntoIt() {
        var state = AppState.testing(on: .contacts)
        #expect(state.press(":").isEmpty)
        #expect(state.prompt?.purpose == .command && state.prompt?.label == ":")
        #expect(state.press(#""q2""#).isEmpty)
        #expect(state.prompt?.field.text == "q2", "keys are text while the prompt is open")
        #expect(state.screen == .contacts && !state.shouldQuit)
        _ = state.press("Backspace")
        #expect(state.prompt?.field.text == "q")
    }

    @Test func syncSyncsNow() {
        let (state, effects) = command("sync")
        #expect(effects == [.requestSync])
        #expect(state.prompt == nil)
        #expect(state.notice?.text == "Syncing now…" && state.notice?.isError == false)
    }

    @Test func spacesAroundACommandDoNotMatter() {
        #expect(command("  sync  ").1 == [.requestSync])
    }

    @Test("theme NAME asks for that theme", arguments: ["light", "solarized-dark", "no-such-theme"])
    func themeSetsTheTheme(name: String) {
        let (state, effects) = command("theme \(name)")
        #expect(effects == [.setTheme(name)], "whether the theme exists is the controller's to say")
        #expect(state.notice == nil && state.prompt == nil)
    }

    @Test("theme wants exactly one name", arguments: ["theme", "theme solarized dark"])
    func themeWithoutOneName(text: String) {
        let (state, effects) = command(text)
        #expect(effects.isEmpty)
        #expect(state.notice?.text == "Say which theme: :theme default, :theme light or :theme monochrome.")
        #expect(state.notice?.isError == true)
    }

    @Test("q, quit and exit leave", arguments: ["q", "quit", "exit"])
    func quitting(text: String) {
        let (state, effects) = command(text)
        #expect(effects == [.quit] && state.shouldQuit)
    }

    @Test func tabsByName() {
        let (outbox, toOutbox) = command("outbox")
        #expect(outbox.screen == .outbox && toOutbox == [.load(.mailboxes), .load(.outbox(.draft))])
        let (contacts, toContacts) = command("contacts")
        #expect(contacts.screen == .contacts && toContacts == [.load(.mailboxes), .load(.contacts(filter: ""))])
        let (mail, toMail) = command("mail", on: .outbox)
        #expect(mail.screen == .mail && toMail == [.load(.mailboxes)], "no mailbox loaded yet, so no mail to read")
    }

    @Test func searchWithWordsSearchesForThem() {
        let (state, effects) = command("search renewal  terms")
        #expect(state.screen == .search)
        #expect(state.searchField.text == "renewal terms" && state.searchField.cursor == 13)
        #expect(effects == [.load(.mailboxes), .load(.search("renewal terms"))])
        let (empty, opened) = command("search")
        #expect(empty.screen == .search && empty.searchField.text.isEmpty && opened == [.load(.mailboxes)])
    }

    @Test func composeAndHelp() {
        for text in ["compose", "c"] {
            let (state, effects) = command(text, on: .outbox)
            #expect(state.screen == .composer && state.history == [Place(screen: .outbox)] && state.composer != nil, "\(text)")
            #expect(effects == [.load(.mailboxes), .load(.mailboxChoices)], "\(text)")
        }
        for text in ["help", "h"] {
            let (state, effects) = command(text)
            #expect(state.helpVisible && effects.isEmpty, "\(text)")
        }
    }

    @Test func anUnknownCommandSaysWhatExists() {
        let (state, effects) = command("frobnicate now")
        #expect(effects.isEmpty && state.prompt == nil && state.screen == .mail)
        #expect(state.notice?.text == "There is no command “frobnicate”; try :sync, :compose, :search WORDS, "
                + ":theme NAME or :q (? lists the keys).")
        #expect(state.notice?.isError == true)
    }

    @Test func aLongUnknownCommandIsCutShort() {
        let (state, _) = command(String(repeating: "x", count: 40))
        #expect(state.notice?.text.hasPrefix("There is no command “xxxxxxxxxxxxxxxxxxx…”;") == true)
    }

    @Test func enterOnNothingClosesThePrompt() {
        let (state, effects) = command("   ")
        #expect(effects.isEmpty && state.prompt == nil && state.notice == nil)
    }

    @Test("Esc and C-c close the prompt and do nothing else", arguments: ["Esc", "C-c"])
    func escapeAndControlC(key: String) {
        var state = AppState.testing(on: .mail)
        #expect(state.press(#": "sync" \#(key)"#).isEmpty)
        #expect(state.prompt == nil && state.notice == nil)
        #expect(!state.shouldQuit, "C-c leaves the question, not the app")
    }

    @Test func escOnAQuestionInTheComposerLeavesTheComposerOpen() {
        var state = AppState.testing(on: .mail)
        _ = state.press(#"c "carol@acme.example" C-o "/tmp/x" Esc"#)
        #expect(state.prompt == nil && state.screen == .composer)
        #expect(state.composer?.to.text == "carol@acme.example")
    }

    // MARK: yes or no

    /// The Outbox showing draft 7, with d pressed.
    func askingToDelete() -> AppState {
        var state = AppState.testing(on: .outbox)
        state.reduce(.loaded(.outbox(status: .draft, counts: [.draft: 1], [OutgoingEmail.testing(7, .draft)])))
        _ = state.press("d")
        return state
    }

    @Test("y, Y and Enter delete", arguments: ["y", "Y", "Enter"])
    func yesDeletes(key: String) {
        var state = askingToDelete()
        #expect(state.prompt?.takesText == false)
        #expect(state.press(key) == [.deleteOutgoing(id: 7)])
        #expect(state.prompt == nil && state.notice == nil)
    }

    @Test("every other key keeps the email", arguments: ["n", "N", "Esc", "q", "Space"])
    func anythingElseKeeps(key: String) {
        var state = askingToDelete()
        #expect(state.press(key).isEmpty)
        #expect(state.prompt == nil && state.screen == .outbox)
        #expect(state.notice?.text == "Kept the draft." && state.notice?.isError == false)
    }

    // MARK: a line for the timeline

    /// Carol's timeline (contact 3).
    func onTimeline() -> AppState {
        AppState.testing(on: .timeline(contactID: 3))
    }

    @Test func nAsksForALineAndAddsTheNote() {
        var state = onTimeline()
        #expect(state.press("n").isEmpty)
        #expect(state.prompt?.label == "New note · Summary: ")
        let draft = ActivityDraft(id: nil, contactID: 3, type: .note, summary: "Sent the pricing")
        #expect(state.press(#"" Sent the pricing " Enter"#) == [.saveActivity(draft)])
        #expect(state.prompt == nil)
    }

    @Test("L and M ask for a line, when, how long and how it ended", arguments: [
        ("L", ActivityType.call, "New call"), ("M", .meeting, "New meeting"),
    ])
    func callsAndMeetingsHaveDetails(key: String, type: ActivityType, title: String) throws {
        var state = onTimeline()
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = state.press(key)
        #expect(state.prompt?.label == "\(title) 1/4 · Summary: ")
        _ = state.press(#""Pricing call" Enter"#)
        #expect(state.prompt?.label == "\(title) 2/4 · When: " && state.prompt?.field.text == "now")
        _ = state.press(#"C-u "10:30" Enter"#)
        #expect(state.prompt?.label == "\(title) 3/4 · Duration: ")
        _ = state.press(#""1h15" Enter"#)
        #expect(state.prompt?.label == "\(title) 4/4 · Outcome: ")
        let effects = state.press(#""booked a demo" Enter"#)
        let at = try #require(ActivityTime.parse("2026-11-18 10:30", now: AppState.testNow,
                                                 calendar: TimeText.calendar(TimeZone(identifier: "UTC")!)))
        #expect(effects == [.saveActivity(ActivityDraft(id: nil, contactID: 3, type: type, summary: "Pricing call", at: at,
                                                        durationMinutes: 75, outcome: "booked a demo"))])
        #expect(state.prompt == nil)
    }

    @Test func aFieldThatWillNotDoSaysWhatToFixAndStaysOpen() {
        var state = onTimeline()
        #expect(state.press("M Enter").isEmpty)
        #expect(state.notice?.text == "The meeting needs a line of text: say what happened (Esc cancels).")
        #expect(state.notice?.isError == true && state.prompt?.label == "New meeting 1/4 · Summary: ")
        _ = state.press(#""Demo" Enter C-u "someday" Enter"#)
        #expect(state.notice?.text.hasPrefix("Could not read “someday” as a time") == true)
        #expect(state.prompt?.field.text == "someday", "the text stays to be fixed")
        _ = state.press(#"C-u "now" Enter "forever" Enter"#)
        #expect(state.notice?.text.hasPrefix("Could not read “forever” as a length") == true)
        _ = state.press("Esc")
        #expect(state.prompt == nil && state.notice?.text == "Cancelled; nothing was saved.")
    }

    @Test func aLineTheStoreCouldNotSaveComesBackWithItsKey() {
        var state = onTimeline()
        state.reduce(.activityNotSaved(contactID: 3, type: .note, summary: "Called about the pilot",
                                       reason: "The disk is full."))
        #expect(state.notice?.text == "Note not saved (n brings it back). The disk is full.")
        #expect(state.notice?.isError == true)
        _ = state.press("L")
        #expect(state.prompt?.field.text == "", "a call starts empty: the text was a note")
        _ = state.press("Esc n")
        #expect(state.prompt?.field.text == "Called about the pilot" && state.prompt?.field.cursor == 22)
        _ = state.press("Esc n")
        #expect(state.prompt?.field.text == "", "brought back once")
    }

    @Test func aLineKeptForOneContactStaysOnTheirTimeline() {
        var state = AppState.testing(on: .timeline(contactID: 4))
        state.reduce(.activityNotSaved(contactID: 3, type: .note, summary: "Called about the pilot", reason: "No."))
        _ = state.press("n")
        #expect(state.prompt?.field.text == "")
        #expect(state.unsavedActivity?.contactID == 3)
    }
}
