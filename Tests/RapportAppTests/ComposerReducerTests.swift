import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// The composer's checks as values: what stops an email going out, worded with the app's keys.
@Suite struct ComposerReducerTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    let reducer = Reducer()

    func composing(to: String, cc: String = "", subject: String = "Terms") -> AppState {
        var state = AppState(user: User(id: 1, login: "ann", name: "Ann Lee", teamID: 1, isAdmin: false),
                             size: TerminalSize(columns: 80, rows: 24), now: Self.now)
        state.screen = .composer
        state.composer = ComposerState(from: "ann@northwind.example", to: to, cc: cc, subject: subject)
        return state
    }

    func press(_ keys: String, _ state: inout AppState) -> [Effect] {
        Key.script(keys).flatMap { reducer.reduce(&state, .key($0)) }
    }

    @Test func anEmailThatCanGoIsSubmittedQueued() throws {
        var state = composing(to: "carol@acme.example, Dan <dan@acme.example>")
        let effects = press("C-s", &state)
        let snapshot = try #require(state.composer?.snapshot)
        #expect(effects == [.submitComposer(snapshot, queue: true, sendAt: nil)])
    }

    @Test func anEntryThatIsNotAnAddressIsNamedWithItsField() {
        var state = composing(to: "carol@acme.example", cc: "bo@")
        #expect(press("C-s", &state).isEmpty)
        #expect(state.notice?.text == "“bo@” in Cc is not an email address.")
        #expect(state.notice?.isError == true)
    }

    @Test func queuedMailNeedsARecipientButADraftDoesNot() throws {
        var state = composing(to: "")
        #expect(press("C-s", &state).isEmpty)
        #expect(state.notice?.text == "Add a recipient in To first.")
        let snapshot = try #require(state.composer?.snapshot)
        #expect(press("Esc", &state) == [.submitComposer(snapshot, queue: false, sendAt: nil)])
    }

    @Test func aDraftWithABadAddressIsKeptAsTypedAndSaysWhichKeySavesIt() {
        var state = composing(to: "not-an-address")
        #expect(press("Esc", &state).isEmpty)
        #expect(state.notice?.text == "“not-an-address” in To is not an email address. The draft is kept as typed; "
                + "fix it and press Esc again.")
        #expect(state.screen == .composer)
    }

    @Test func tooManyRecipientsAreCaughtBeforeTheStoreIsAsked() {
        let many = (0...100).map { "p\($0)@acme.example" }.joined(separator: ", ")
        var state = composing(to: many)
        #expect(press("C-s", &state).isEmpty)
        #expect(state.notice?.text.hasPrefix("101 recipients is more than Gmail takes in one message (100)") == true)
    }

    @Test func aScheduledTimeThatHasPassedIsRefused() {
        var state = composing(to: "carol@acme.example")
        #expect(press("C-l", &state).isEmpty)
        #expect(state.prompt?.purpose == .schedule)
        state.prompt?.field = TextField(text: "2001-01-01 09:00", placeholder: "")
        #expect(press("Enter", &state).isEmpty)
        #expect(state.notice?.text == "That time has passed; give a time in the future.")
    }

    @Test func everyCompositionProblemIsWordedWithoutCommands() {
        let problems: [CompositionProblem] = [
            .notAnAddress("x", field: .bcc), .tooManyRecipients(101), .tooLarge(bytes: 30 * 1_048_576), .noRecipients,
            .sendTimeInPast(Self.now),
        ]
        for problem in problems {
            let text = problem.text(keys: reducer.keymap)
            #expect(!text.contains("rapport ") && !text.contains("--"), "\(text)")
            #expect(text.hasSuffix("."), "\(text)")
        }
    }
}
