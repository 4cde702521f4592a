import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// The composer as values: a state in, keys pressed, the composer and the effects out. What is
/// typed, where the keys go, completion, attaching, linking, sending, scheduling, keeping a draft.
@Suite struct ComposerReducerTests {
    static let now = AppState.testNow
    static let carol = Contact.testing(3, "Carol Client", "c.client@acme.example", "carol@acme.example")
    let reducer = Reducer()

    /// Writing from the Outbox (so there is a screen to go back to).
    func composing(to: String, cc: String = "", subject: String = "Terms", body: String = "",
                   focus: ComposerState.Field = .to) -> AppState {
        var state = AppState.testing(on: .composer)
        state.history = [Place(screen: .outbox)]
        state.screen = .composer
        state.composer = ComposerState(from: "ann@northwind.example", to: to, cc: cc, subject: subject, body: body,
                                       focus: focus)
        return state
    }


    // MARK: opening

    @Test func cOnAContactAddressesAndLinksTheEmailToThem() throws {
        var state = AppState.testing(on: .contacts)
        state.reduce(.loaded(.mailboxChoices([EmailAddress("ann@northwind.example")!])))
        state.reduce(.loaded(.contacts(filter: "", [.testing(Self.carol)])))
        #expect(state.press("c") == [.load(.mailboxes), .load(.mailboxChoices)])
        #expect(state.screen == .composer && state.history == [Place(screen: .contacts)])
        let composer = try #require(state.composer)
        #expect(composer.from == "ann@northwind.example")
        #expect(composer.to.text == "c.client@acme.example, ")
        #expect(composer.focus == .subject, "the address is there; the subject is next")
        #expect(composer.link == .contact(3) && composer.linkTitle == "Carol Client")
    }

    @Test func cOnMailOpensAnEmptyComposerThatTakesTheFirstMailboxOnceKnown() throws {
        var state = AppState.testing(on: .mail)
        _ = state.press("c")
        #expect(state.composer == ComposerState(from: ""))
        state.reduce(.loaded(.mailboxChoices([EmailAddress("ann@northwind.example")!, EmailAddress("ann@lee.example")!])))
        #expect(state.composer?.from == "ann@northwind.example")
        state.composer?.from = "ann@lee.example"
        state.reduce(.loaded(.mailboxChoices([EmailAddress("ann@northwind.example")!])))
        #expect(state.composer?.from == "ann@lee.example", "a From already chosen stays")
    }

    // MARK: typing and moving between fields

    @Test func typingAnAddressSavesTheComposerAndAsksForCompletions() throws {
        var state = composing(to: "ca")
        let effects = state.press("r")
        let composer = try #require(state.composer)
        #expect(composer.to.text == "car")
        #expect(effects == [.saveComposerSession(composer.snapshot), .load(.completions("car"))])
        #expect(composer.snapshot.to == "car", "what is saved is what was typed")
    }

    @Test func completionsAreAskedForTheAddressAfterTheLastComma() {
        var state = composing(to: "dan@acme.example, ")
        #expect(state.press("b").last == .load(.completions("b")))
        _ = state.press(#"", ""#)
        #expect(state.composer?.to.text == "dan@acme.example, b, ")
    }

    @Test func typingTheSubjectSavesItWithoutCompletions() throws {
        var state = composing(to: "carol@acme.example", subject: "Term", focus: .subject)
        state.composer?.completions = [Self.carol]
        let effects = state.press("s")
        let composer = try #require(state.composer)
        #expect(composer.subject.text == "Terms")
        #expect(effects == [.saveComposerSession(composer.snapshot)])
        #expect(composer.completions.isEmpty)
    }

    @Test func lettersThatAreKeysElsewhereAreTextHere() {
        var state = composing(to: "", subject: "", focus: .subject)
        _ = state.press(#""q?2c:""#)
        #expect(state.composer?.subject.text == "q?2c:")
        #expect(state.screen == .composer && state.prompt == nil && !state.helpVisible && !state.shouldQuit)
    }

    @Test func tabAndShiftTabGoRoundTheFields() {
        var state = composing(to: "carol@acme.example")
        var order: [ComposerState.Field] = []
        for _ in 0..<6 {
            #expect(state.press("Tab").isEmpty)
            order.append(state.composer!.focus)
        }
        #expect(order == [.cc, .bcc, .subject, .body, .from, .to])
        _ = state.press("S-Tab")
        #expect(state.composer?.focus == .from)
    }

    @Test func tabClosesTheCompletions() {
        var state = composing(to: "car")
        state.reduce(.loaded(.completions(text: "car", [Self.carol])))
        #expect(state.composer?.completions == [Self.carol])
        _ = state.press("Tab")
        #expect(state.composer?.completions.isEmpty == true && state.composer?.focus == .cc)
    }

    @Test func enterMovesOnFromALineButBreaksTheLineInTheBody() throws {
        var state = composing(to: "carol@acme.example", subject: "Terms", focus: .subject)
        let moved = state.press("Enter")
        #expect(state.composer?.focus == .body && state.composer?.subject.text == "Terms")
        #expect(moved == [.saveComposerSession(try #require(state.composer).snapshot)])
        _ = state.press(#""Hi" Enter "there""#)
        #expect(state.composer?.body.text == "Hi\nthere")
        #expect(state.composer?.focus == .body)
    }

    @Test func theFromFieldCyclesThroughTheConnectedMailboxes() throws {
        var state = composing(to: "", focus: .from)
        state.mailboxChoices = ["ann@northwind.example", "ann@lee.example", "sales@northwind.example"]
            .map { EmailAddress($0)! }
        let effects = state.press("Space")
        #expect(state.composer?.from == "ann@lee.example")
        #expect(effects == [.saveComposerSession(try #require(state.composer).snapshot)])
        _ = state.press("→ ↓")
        #expect(state.composer?.from == "ann@northwind.example", "past the last it starts again")
        _ = state.press("←")
        #expect(state.composer?.from == "sales@northwind.example")
        #expect(state.press("x").isEmpty, "From is chosen, not typed")
        #expect(state.composer?.from == "sales@northwind.example")
        _ = state.press("Enter")
        #expect(state.composer?.focus == .to)
    }

    @Test func withNoMailboxToChooseFromTheFromFieldTakesNoKeys() {
        var state = composing(to: "", focus: .from)
        #expect(state.press("Space Enter").isEmpty)
        #expect(state.composer?.focus == .from && state.composer?.from == "ann@northwind.example")
    }

    // MARK: completion

    @Test func completionsForWhatWasTypedBeforeAreIgnored() {
        var state = composing(to: "carl")
        state.reduce(.loaded(.completions(text: "car", [Self.carol])))
        #expect(state.composer?.completions.isEmpty == true)
    }

    @Test func aContactWhoseAddressIsTypedInFullIsNotSuggested() {
        var state = composing(to: "Carol@acme.example")
        let zoe = Contact.testing(4, "Carolyn Zoë", "carol@acme.example.org")
        state.reduce(.loaded(.completions(text: "Carol@acme.example", [Self.carol, zoe])))
        #expect(state.composer?.completions == [zoe])
    }

    @Test func upAndDownPickASuggestionAndEnterTakesTheAddressThatMatches() throws {
        var state = composing(to: "dan@acme.example, car")
        let carla = Contact.testing(5, "Carla Cruz", "carla@cruz.example")
        state.reduce(.loaded(.completions(text: "car", [carla, Self.carol])))
        #expect(state.press("↓").isEmpty)
        #expect(state.composer?.completionIndex == 1)
        _ = state.press("C-n")
        #expect(state.composer?.completionIndex == 0, "past the last it starts again")
        _ = state.press("↑")
        #expect(state.composer?.completionIndex == 1)
        let effects = state.press("Enter")
        let composer = try #require(state.composer)
        // Carol has two addresses; the one that starts with what was typed wins.
        #expect(composer.to.text == "dan@acme.example, carol@acme.example, ")
        #expect(composer.completions.isEmpty && composer.focus == .to)
        #expect(effects == [.saveComposerSession(composer.snapshot)])
    }

    @Test func aSuggestionForANameTakesTheContactsFirstAddress() {
        var state = composing(to: "Carol C")
        state.reduce(.loaded(.completions(text: "Carol C", [Self.carol])))
        _ = state.press("Enter")
        #expect(state.composer?.to.text == "c.client@acme.example, ")
    }

    @Test func escClosesTheSuggestionsFirstAndTheComposerAfter() {
        var state = composing(to: "car")
        state.reduce(.loaded(.completions(text: "car", [Self.carol])))
        #expect(state.press("Esc").isEmpty)
        #expect(state.composer?.completions.isEmpty == true && state.screen == .composer && state.notice == nil)
        #expect(state.press("Esc").isEmpty)
        #expect(state.notice?.text.hasPrefix("“car” in To is not an email address.") == true,
                "the second Esc tries to keep a draft")
    }

    // MARK: sending

    @Test func anEmailThatCanGoIsSubmittedQueued() throws {
        var state = composing(to: "carol@acme.example, Dan <dan@acme.example>")
        let effects = state.press("C-s")
        let snapshot = try #require(state.composer?.snapshot)
        #expect(effects == [.submitComposer(snapshot, queue: true, sendAt: nil)])
    }

    @Test func anEntryThatIsNotAnAddressIsNamedWithItsField() {
        var state = composing(to: "carol@acme.example", cc: "bo@")
        #expect(state.press("C-s").isEmpty)
        #expect(state.notice?.text == "“bo@” in Cc is not an email address.")
        #expect(state.notice?.isError == true)
    }

    @Test func queuedMailNeedsARecipientButADraftDoesNot() throws {
        var state = composing(to: "")
        #expect(state.press("C-s").isEmpty)
        #expect(state.notice?.text == "Add a recipient in To first.")
        let snapshot = try #require(state.composer?.snapshot)
        #expect(state.press("Esc") == [.submitComposer(snapshot, queue: false, sendAt: nil)])
    }

    @Test func anEmailGoesWithASubjectAndFromAMailbox() {
        var untitled = composing(to: "carol@acme.example", subject: "  ")
        #expect(untitled.press("C-s").isEmpty)
        #expect(untitled.notice?.text == "Add a subject first (Tab to the Subject field).")
        var nowhere = composing(to: "carol@acme.example")
        nowhere.composer?.from = ""
        #expect(nowhere.press("C-s").isEmpty)
        #expect(nowhere.notice?.text == "Connect a Gmail account first: run rapport account add EMAIL.")
        #expect(nowhere.notice?.isError == true && nowhere.screen == .composer)
    }

    @Test func tooManyRecipientsAreCaughtBeforeTheStoreIsAsked() {
        let many = (0...100).map { "p\($0)@acme.example" }.joined(separator: ", ")
        var state = composing(to: many)
        #expect(state.press("C-s").isEmpty)
        #expect(state.notice?.text.hasPrefix("101 recipients is more than Gmail takes in one message (100)") == true)
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

    @Test func theLimitsAreSentencesOfTheirOwn() {
        #expect(CompositionProblem.tooLarge(bytes: 30 * 1_048_576).text(keys: reducer.keymap)
                == "The attachments come to 30 MB, more than the 25 MB Gmail accepts; share large files by link instead.")
        #expect(CompositionProblem.tooManyRecipients(101).text(keys: reducer.keymap)
                == "101 recipients is more than Gmail takes in one message (100); Rapport is not for bulk mail.")
    }

    // MARK: scheduling

    @Test func scheduleAsksWhenAndSubmitsQueuedForThatTime() throws {
        var state = composing(to: "carol@acme.example")
        #expect(state.press("C-l").isEmpty)
        #expect(state.prompt?.purpose == .schedule && state.prompt?.label == "Send at: ")
        let effects = state.press(#""in 2h" Enter"#)
        let snapshot = try #require(state.composer?.snapshot)
        #expect(effects == [.submitComposer(snapshot, queue: true, sendAt: Self.now.addingTimeInterval(7_200))])
        #expect(state.prompt == nil)
    }

    @Test func aTimeOfDayIsReadInTheAppsTimeZone() throws {
        var state = composing(to: "carol@acme.example")
        state.timeZone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let effects = state.press(#"C-l "tomorrow 9:00" Enter"#)
        // Now is 20:06 on 18 November in Tokyo; 9:00 there the next day is midnight UTC.
        let nineInTokyo = Date(timeIntervalSince1970: 1_795_046_400) // 2026-11-19 00:00 UTC
        #expect(effects == [.submitComposer(try #require(state.composer).snapshot, queue: true, sendAt: nineInTokyo)])
    }

    @Test func anEmailThatCannotGoIsNotAskedWhen() {
        var state = composing(to: "bo@")
        #expect(state.press("C-l").isEmpty)
        #expect(state.prompt == nil)
        #expect(state.notice?.text == "“bo@” in To is not an email address.")
    }

    @Test func aTimeThatCannotBeReadSaysWhatWorks() {
        var state = composing(to: "carol@acme.example")
        #expect(state.press(#"C-l "whenever" Enter"#).isEmpty)
        #expect(state.notice?.text == "Could not read “whenever” as a time; try “in 2h”, “tomorrow 9:00” or "
                + "“2026-12-01 14:00”.")
        #expect(state.notice?.isError == true && state.composer != nil)
    }

    @Test func aScheduledTimeThatHasPassedIsRefused() {
        var state = composing(to: "carol@acme.example")
        #expect(state.press("C-l").isEmpty)
        #expect(state.prompt?.purpose == .schedule)
        state.prompt?.field = TextField(text: "2001-01-01 09:00", placeholder: "")
        #expect(state.press("Enter").isEmpty)
        #expect(state.notice?.text == "That time has passed; give a time in the future.")
    }

    @Test func escOnTheScheduleQuestionLeavesTheComposerAsItWas() throws {
        var state = composing(to: "carol@acme.example")
        let before = try #require(state.composer)
        #expect(state.press(#"C-l "in 2h" Esc"#).isEmpty)
        #expect(state.prompt == nil && state.composer == before && state.screen == .composer)
    }

    // MARK: keeping a draft, leaving

    @Test func aDraftWithABadAddressIsKeptAsTypedAndSaysWhichKeySavesIt() {
        var state = composing(to: "not-an-address")
        #expect(state.press("Esc").isEmpty)
        #expect(state.notice?.text == "“not-an-address” in To is not an email address. Fix it, then Esc keeps a draft; "
                + "C-d discards the email.")
        #expect(state.screen == .composer)
    }

    @Test func discardAsksFirstAndOnlyYesThrowsTheEmailAway() {
        var state = composing(to: "not-an-address")
        #expect(state.press("C-d").isEmpty)
        #expect(state.prompt?.purpose == .confirmDiscard(savedDraft: false))
        #expect(state.prompt?.label == "Discard this email? (y/n) " && state.prompt?.takesText == false)
        for key in ["Enter", "n", "x", "C-d"] {
            #expect(state.press(key).isEmpty, "\(key)")
            #expect(state.prompt == nil && state.screen == .composer && state.composer?.to.text == "not-an-address", "\(key)")
            #expect(state.notice?.text == "Nothing discarded; go on writing.")
            _ = state.press("C-d")
        }
        let effects = state.press("y")
        #expect(effects == [.clearComposerSession, .load(.mailboxes), .load(.outbox(.draft))])
        #expect(state.composer == nil && state.screen == .outbox && state.prompt == nil)
        #expect(state.notice?.text == "Discarded the email." && state.notice?.isError == false)
    }

    @Test func discardingAReopenedDraftLeavesTheDraftAsItWas() {
        var state = composing(to: "carol@acme.example", subject: "Changed")
        state.composer?.outgoingID = 9
        _ = state.press("C-d")
        #expect(state.prompt?.label == "Discard your changes to this draft? (y/n) ")
        let effects = state.press("Y")
        #expect(effects.first == .clearComposerSession && !effects.contains { if case .submitComposer = $0 { true } else { false } })
        #expect(state.composer == nil && state.notice?.text == "Discarded your changes; the draft is as it was.")
    }

    @Test func discardOnNothingWrittenClosesWithoutAsking() {
        var state = composing(to: "", subject: "")
        #expect(state.press("C-d") == [.clearComposerSession, .load(.mailboxes), .load(.outbox(.draft))])
        #expect(state.prompt == nil && state.composer == nil && state.notice?.text == "Nothing written; no draft kept.")
    }

    @Test func escOnNothingWrittenClosesAndForgetsTheComposer() {
        var state = composing(to: "", subject: "", body: " \n")
        let effects = state.press("Esc")
        #expect(effects == [.clearComposerSession, .load(.mailboxes), .load(.outbox(.draft))])
        #expect(state.composer == nil && state.screen == .outbox && state.history.isEmpty)
        #expect(state.notice?.text == "Nothing written; no draft kept.")
    }

    @Test func escOnADraftEmptiedOutStillSavesIt() throws {
        var state = composing(to: "", subject: "")
        state.composer?.outgoingID = 9
        let snapshot = try #require(state.composer?.snapshot)
        #expect(state.press("Esc") == [.submitComposer(snapshot, queue: false, sendAt: nil)])
        #expect(snapshot.outgoingID == 9)
    }

    @Test func anAttachmentAloneIsWorthADraft() throws {
        var state = composing(to: "", subject: "")
        state.composer?.attachments = ["/tmp/pricing.pdf"]
        let snapshot = try #require(state.composer?.snapshot)
        #expect(state.press("Esc") == [.submitComposer(snapshot, queue: false, sendAt: nil)])
    }

    @Test func closingGoesBackAndReloadsWhereItCameFrom() {
        var state = composing(to: "carol@acme.example")
        state.reduce(.composerSaved(outgoingID: 12))
        #expect(state.composer?.outgoingID == 12)
        let effects = state.reduce(.composerClosed("Kept “Terms” as a draft."))
        #expect(effects == [.load(.mailboxes), .load(.outbox(.draft))])
        #expect(state.composer == nil && state.screen == .outbox)
        #expect(state.notice?.text == "Kept “Terms” as a draft." && state.notice?.isError == false)
    }

    // MARK: attaching

    @Test func attachAsksForAPathAndChecksTheFile() {
        var state = composing(to: "carol@acme.example")
        #expect(state.press("C-o").isEmpty)
        #expect(state.prompt?.purpose == .attach && state.prompt?.label == "Attach file: ")
        #expect(state.press(#""/tmp/pricing.pdf" Enter"#) == [.attachFile("/tmp/pricing.pdf")])
        #expect(state.prompt == nil && state.composer?.attachments.isEmpty == true, "attached once checked")
    }

    @Test func anEmptyPathAttachesNothing() {
        var state = composing(to: "carol@acme.example")
        #expect(state.press(#"C-o "  " Enter"#).isEmpty)
        #expect(state.prompt == nil && state.notice == nil)
    }

    @Test func aCheckedFileIsAttachedAndSaved() throws {
        var state = composing(to: "carol@acme.example")
        let effects = state.reduce(.attached("/tmp/pricing.pdf"))
        let composer = try #require(state.composer)
        #expect(composer.attachments == ["/tmp/pricing.pdf"])
        #expect(effects == [.saveComposerSession(composer.snapshot)])
        #expect(state.notice?.text == "Attached pricing.pdf.")
        var closed = AppState.testing(on: .outbox)
        #expect(closed.reduce(.attached("/tmp/pricing.pdf")).isEmpty, "nothing to attach to once the composer closed")
    }

    @Test func tabReachesTheAttachedLineOnlyWhileSomethingIsAttached() {
        var state = composing(to: "carol@acme.example", focus: .subject)
        _ = state.press("Tab")
        #expect(state.composer?.focus == .body)
        state.reduce(.attached("/tmp/pricing.pdf"))
        _ = state.press("S-Tab")
        #expect(state.composer?.focus == .attachments)
        _ = state.press("S-Tab Tab Tab")
        #expect(state.composer?.focus == .body)
    }

    @Test func onTheAttachedLineArrowsChooseAFileAndDeleteRemovesIt() throws {
        var state = composing(to: "carol@acme.example", focus: .attachments)
        state.composer?.storedAttachments = ["quote.pdf", "terms.pdf"]
        state.composer?.attachments = ["/tmp/pricing.pdf"]
        #expect(state.composer?.files == ["quote.pdf", "terms.pdf", "pricing.pdf"])
        #expect(state.press("→ → → x").isEmpty, "choosing changes nothing to save; letters do nothing here")
        #expect(state.composer?.attachmentIndex == 2)
        let removedNew = state.press("Delete")
        var composer = try #require(state.composer)
        #expect(composer.attachments.isEmpty && composer.files == ["quote.pdf", "terms.pdf"])
        #expect(removedNew == [.saveComposerSession(composer.snapshot)])
        #expect(state.notice?.text == "Removed pricing.pdf from the email.")
        #expect(composer.attachmentIndex == 1, "the choice stays on the line")
        _ = state.press("← Backspace")
        composer = try #require(state.composer)
        #expect(composer.droppedAttachments == [0] && composer.files == ["terms.pdf"] && composer.focus == .attachments)
        #expect(composer.snapshot.droppedAttachments == [0], "the draft drops it when saved")
        #expect(ComposerState(composer.snapshot).files == ["terms.pdf"], "and a restored session still shows it gone")
        _ = state.press("Delete")
        #expect(state.composer?.files.isEmpty == true && state.composer?.focus == .body, "nothing left: on to the body")
        #expect(state.composer?.snapshot.droppedAttachments == [0, 1])
    }

    // MARK: linking

    @Test("C-t's answer names a kind or not", arguments: [
        ("acme", nil, "acme"), ("deal renewal", "deal", "renewal"), ("Company Acme Logistics", "company", "Acme Logistics"),
        ("contact carol", "contact", "carol"), ("lunch with carol", nil, "lunch with carol"), ("deal", nil, "deal"),
    ] as [(String, String?, String)])
    func linkAsksForRecordsByName(answer: String, kind: String?, query: String) {
        var state = composing(to: "carol@acme.example")
        _ = state.press("C-t")
        #expect(state.prompt?.purpose == .link && state.prompt?.label == "Link to: ")
        #expect(state.press(#""\#(answer)" Enter"#) == [.findLink(kind: kind, query: query)])
        #expect(state.prompt == nil)
    }

    @Test func anAutomaticLinkFollowsTheFirstAddressInTo() throws {
        var state = AppState.testing(on: .contacts)
        state.reduce(.loaded(.contacts(filter: "", [.testing(Self.carol)])))
        _ = state.press("c S-Tab S-Tab S-Tab C-u") // on Carol: linked to her; To emptied
        #expect(state.composer?.link == nil && state.composer?.linkTitle == nil, "no address, no one to link to")
        let dan = Contact.testing(5, "Dan Dray", "dan@acme.example")
        let typed = state.press(#""dan@acme.example""#)
        let address = EmailAddress("dan@acme.example")!
        #expect(typed.contains(.load(.recipientContact(address))))
        #expect(typed.last == .load(.recipientContact(address)), "read after the composer is saved as typed")
        let effects = state.reduce(.loaded(.recipientContact(address, dan)))
        let composer = try #require(state.composer)
        #expect(composer.link == .contact(5) && composer.linkTitle == "Dan Dray" && !composer.linkChosen)
        #expect(effects == [.saveComposerSession(composer.snapshot)])
        _ = state.press(#"", carol@acme.example""#)
        #expect(state.composer?.link == .contact(5), "only the first address counts")
        _ = state.press(#"C-u "dan@""#)
        #expect(state.composer?.link == nil, "while the first address is not one, nothing is linked")
    }

    @Test("The first address in To, once whole", arguments: [
        ("carol@acme.example, dan@acme.example", "carol@acme.example"),
        (#""Müller, Jörg" <joerg@acme.example>, carol@acme.example"#, "joerg@acme.example"),
        ("Carol <carol@acme.example>, da", "carol@acme.example"),
        ("caro, dan@acme.example", nil), ("", nil), (" , ", nil),
    ] as [(String, String?)])
    func firstRecipient(to: String, first: String?) {
        #expect(ComposerState(from: "", to: to).firstRecipient?.value == first)
    }

    @Test func aLinkChosenByHandStaysWhateverToSays() {
        var state = composing(to: "carol@acme.example")
        state.reduce(.linkCandidates(query: "renewal", [LinkCandidate(link: .deal(8), name: "Acme renewal")]))
        #expect(state.composer?.linkChosen == true)
        #expect(state.press(#"C-u "dan@acme.example""#).allSatisfy { if case .load(.recipientContact) = $0 { false } else { true } })
        state.reduce(.loaded(.recipientContact(EmailAddress("dan@acme.example")!, Contact.testing(5, "Dan", "dan@acme.example"))))
        #expect(state.composer?.link == .deal(8) && state.composer?.linkTitle == "Acme renewal (deal)")
        #expect(ComposerState(state.composer!.snapshot).linkChosen, "kept through a restored session")
        var none = composing(to: "carol@acme.example")
        _ = none.press(#"C-t "none" Enter C-u "dan@acme.example""#)
        #expect(none.composer?.link == nil && none.composer?.linkChosen == true, "none, chosen, stays none")
    }

    @Test func whoseAddressArrivesTooLateIsIgnored() {
        var state = composing(to: "zoe@fjord.example")
        state.reduce(.loaded(.recipientContact(EmailAddress("dan@acme.example")!, Contact.testing(5, "Dan", "dan@acme.example"))))
        #expect(state.composer?.link == nil)
    }

    @Test func noneUnlinks() throws {
        var state = composing(to: "carol@acme.example")
        state.composer?.link = .deal(8)
        state.composer?.linkTitle = "Acme renewal (deal)"
        let effects = state.press(#"C-t "None" Enter"#)
        let composer = try #require(state.composer)
        #expect(composer.link == nil && composer.linkTitle == nil)
        #expect(effects == [.saveComposerSession(composer.snapshot)])
        #expect(state.notice?.text == "The email is linked to nothing now.")
    }

    @Test func oneRecordFoundIsLinked() throws {
        var state = composing(to: "carol@acme.example")
        let effects = state.reduce(.linkCandidates(query: "renewal", [LinkCandidate(link: .deal(8), name: "Acme renewal")]))
        let composer = try #require(state.composer)
        #expect(composer.link == .deal(8) && composer.linkTitle == "Acme renewal (deal)")
        #expect(effects == [.saveComposerSession(composer.snapshot)])
        #expect(state.notice?.text == "Linked to the deal “Acme renewal”.")
    }

    @Test func noRecordOrSeveralLinkNothingAndSaySo() {
        var state = composing(to: "carol@acme.example")
        state.composer?.link = .contact(3)
        #expect(state.reduce(.linkCandidates(query: "zzz", [])).isEmpty)
        #expect(state.notice?.text == "No deal, company or contact matches “zzz”." && state.notice?.isError == true)
        let several = [
            LinkCandidate(link: .deal(8), name: "Acme renewal"), LinkCandidate(link: .company(2), name: "Acme Logistics"),
            LinkCandidate(link: .contact(9), name: "Acme Reception"), LinkCandidate(link: .company(5), name: "Acme Air"),
        ]
        #expect(state.reduce(.linkCandidates(query: "acme", several)).isEmpty)
        #expect(state.notice?.text == "“acme” matches Acme renewal (deal), Acme Logistics (company), "
                + "Acme Reception (contact)…. Type more of the name.")
        #expect(state.reduce(.linkCandidates(query: "acme", Array(several.prefix(2)))).isEmpty)
        #expect(state.notice?.text == "“acme” matches Acme renewal (deal), Acme Logistics (company). Type more of the name.")
        #expect(state.composer?.link == .contact(3), "the link stays as it was")
    }

    // MARK: the editor

    @Test func theEditorKeyHandsOverTheBodyAndTakesBackWhatItSaved() throws {
        var state = composing(to: "carol@acme.example", body: "Draft body")
        #expect(state.press("C-x") == [.openEditor("Draft body\n")], "a file's last line ends with a line break")
        let effects = state.reduce(.editorFinished("Edited\nbody"))
        let composer = try #require(state.composer)
        #expect(composer.body.text == "Edited\nbody")
        #expect(effects == [.saveComposerSession(composer.snapshot)])
        state.reduce(.editorFinished("Draft body\nA line the editor appended\n"))
        #expect(state.composer?.body.text == "Draft body\nA line the editor appended", "one line break less, no line joined")
        state.reduce(.editorFinished("Edited\nbody"))
        #expect(state.reduce(.editorFinished(nil)).isEmpty)
        #expect(state.composer?.body.text == "Edited\nbody")
        #expect(state.notice?.text == "The editor did not save; the body is as it was." && state.notice?.isError == true)
    }
}
