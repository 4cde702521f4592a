import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// Replies, replies to all, forwards and signatures as values: which key asks for which answer to
/// which email, where the signature goes, and what an untouched composer is.
@Suite struct ReplyReducerTests {
    static let ann = EmailAddress("ann@northwind.example")!
    static let other = EmailAddress("ann@lee.example")!

    @Test func rAFOnAMessageAskForTheirAnswer() {
        for (key, kind) in [("r", ReplyPlan.Kind.reply), ("a", .replyAll), ("f", .forward)] {
            var state = AppState.testing(on: .message(.incoming(5)))
            #expect(state.press(key) == [.startReply(kind, .incoming(5), activityID: nil)], "\(key)")
            state = AppState.testing(on: .message(.outgoing(7)))
            #expect(state.press(key) == [.startReply(kind, .outgoing(7), activityID: nil)], "\(key)")
        }
    }

    @Test func onMailTheyAnswerTheSelectedMessage() {
        var state = AppState.testing(on: .mail)
        state.conversations = [.testing(1, messageIDs: [41]), .testing(2, messageIDs: [40, 42])]
        state.mailList.count = 2
        #expect(state.press("a").isEmpty, "the mailboxes pane has no conversation selected")
        #expect(state.notice?.text == "Select a conversation first (Tab, then j/k).")
        state.focus = .secondary
        #expect(state.press("j a") == [.startReply(.replyAll, .incoming(42), activityID: nil)])
        #expect(state.press("f") == [.startReply(.forward, .incoming(42), activityID: nil)])
    }

    @Test func onATimelineTheyAnswerTheEmailEntryAndNameIt() {
        var state = AppState.testing(on: .timeline(contactID: 3))
        let contact = Contact.testing(3, "Carol Client", "carol@acme.example")
        func entry(_ id: Int64, _ type: ActivityType, _ source: ActivitySource) -> Activity {
            Activity(id: id, teamID: 1, contactID: 3, userLogin: "ann", type: type, direction: .incoming,
                     occurredAt: AppState.testNow, subject: "Plan", summary: "", source: source)
        }
        state.timeline = TimelineData(contact: contact, deals: [], insights: ContactInsights(events: [], now: AppState.testNow),
                                      activities: [entry(9, .email, .outgoingEmail(4)), entry(8, .note, .manual)])
        state.timelineList.count = 2
        #expect(state.press("f") == [.startReply(.forward, .outgoing(4), activityID: 9)])
        #expect(state.press("j a").isEmpty)
        #expect(state.notice?.text == "Select an email to reply to (notes, calls and meetings have no reply).")
    }

    // MARK: signatures

    private func withSignatures() -> AppState {
        var state = AppState.testing(on: .mail)
        state.reduce(.loaded(.mailboxChoices([Self.ann, Self.other],
                                             signatures: [Self.ann: Signature(text: "Ann Lee\nNorthwind")!,
                                                          Self.other: Signature(text: "Ann")!])))
        return state
    }

    @Test func newMailCarriesTheSignatureBelowAnEmptyFirstLine() throws {
        var state = withSignatures()
        state.press("c")
        let composer = try #require(state.composer)
        #expect(composer.body.text == "\n\n-- \nAnn Lee\nNorthwind")
        #expect(composer.body.cursor == TextEditor.Position(line: 0, column: 0))
    }

    @Test func newMailOpenedBeforeTheMailboxesAreKnownIsSignedWhenTheyAre() throws {
        var state = AppState.testing(on: .mail)
        #expect(state.press("c") == [.load(.mailboxes), .load(.mailboxChoices)])
        #expect(state.composer?.body.text == "")
        state.reduce(.loaded(.mailboxChoices([Self.ann], signatures: [Self.ann: Signature(text: "Ann")!])))
        let composer = try #require(state.composer)
        #expect(composer.from == Self.ann.value && composer.body.text == "\n\n-- \nAnn")
        #expect(composer.body.cursor == TextEditor.Position(line: 0, column: 0))
        state.reduce(.loaded(.mailboxChoices([Self.ann], signatures: [Self.ann: Signature(text: "Ann")!])))
        #expect(state.composer?.body.text == "\n\n-- \nAnn", "signed once")
    }

    @Test func aComposerHoldingOnlyItsSignatureIsNotKept() {
        var state = withSignatures()
        state.press("c")
        #expect(state.press("Esc") == [.clearComposerSession, .load(.mailboxes)])
        #expect(state.notice?.text == "Nothing written; no draft kept.")
        state.press("c Tab Tab Tab Tab")
        state.press(#""Hi""#)
        #expect(state.press("Esc").contains { if case .submitComposer = $0 { true } else { false } })
    }

    @Test func changingFromChangesTheSignatureWhereItStands() throws {
        var state = withSignatures()
        state.press("c S-Tab")
        #expect(state.composer?.focus == .from)
        state.press("→")
        #expect(state.composer?.from == Self.other.value)
        #expect(state.composer?.body.text == "\n\n-- \nAnn")
        state.press("←")
        #expect(state.composer?.body.text == "\n\n-- \nAnn Lee\nNorthwind")
    }

    @Test func aSignatureFileThatCannotBeUsedIsSaidWhenWriting() {
        var state = AppState.testing(on: .mail)
        state.reduce(.loaded(.mailboxChoices([Self.ann], signatureWarnings: [Self.ann: "No signature: it is a link."])))
        state.press("c")
        #expect(state.notice?.text == "No signature: it is a link." && state.notice?.isError == true)
        #expect(state.composer?.body.text == "")
    }

    @Test func theTitleSaysWhatIsWritten() {
        var composer = ComposerState(from: Self.ann.value)
        #expect(composer.title == "New email")
        composer.answering = .replyAll
        #expect(composer.title == "Reply to all")
        composer.answering = .forward
        #expect(composer.title == "Forward")
        composer.answering = nil
        composer.threading = Threading(inReplyTo: "p@x.example", references: ["p@x.example"])
        #expect(composer.title == "Reply", "a reply draft reopened")
        #expect(ComposerState(composer.snapshot).threading == composer.threading, "threading is saved as typed")
    }
}
