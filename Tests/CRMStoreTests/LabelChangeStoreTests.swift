import CRMCore
import Foundation
import RapportTestSupport
import Testing
@testable import CRMStore

/// Read state, archive and trash in the store: applied to the labels at once, queued for Gmail in the
/// same transaction, folded per message, kept under history until Gmail confirms, and only ever done by
/// a mailbox's owner.
@Suite struct LabelChangeStoreTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Ann's mailbox with a conversation of three messages (t1: a1 unread in the inbox, a2 in the inbox,
    /// a3 sent) and a lone message b1; Al's mailbox with one message; Bob's (team Beta) with one.
    private func setUp() throws -> StoreFixture {
        let fixture = try StoreFixture()
        fixture.store.now = { [now] in now }
        let store = fixture.store
        try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let conversation: [(String, [String])] = [("a1", ["INBOX", "UNREAD"]), ("a2", ["INBOX", "IMPORTANT"]),
                                                  ("a3", ["SENT"])]
        for (index, (id, labels)) in conversation.enumerated() {
            var message = fixture.message(in: fixture.annMailbox, id: id, from: "carol@client.example",
                                          to: ["ann@alpha.example"], subject: "Order", at: now - Double(3 - index) * 60,
                                          labels: labels)
            message.threadID = "t1"
            try store.recordIncoming(message)
        }
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "b1", from: "dan@client.example",
                                                 to: ["ann@alpha.example"], subject: "Lunch", labels: ["INBOX", "UNREAD"]))
        try store.recordIncoming(fixture.message(in: fixture.alMailbox, id: "c1", from: "carol@client.example",
                                                 to: ["al@alpha.example"], subject: "Order", labels: ["INBOX"]))
        try store.recordIncoming(fixture.message(in: fixture.bobMailbox, id: "d1", from: "eve@client.example",
                                                 to: ["bob@beta.example"], subject: "Secret", labels: ["INBOX"]))
        return fixture
    }

    private func id(_ gmailID: String, _ fixture: StoreFixture) throws -> Int64 {
        try #require(try fixture.store.connection.first("SELECT id FROM incoming_emails WHERE gmail_id = ?", gmailID))
            .int64(0)
    }

    private func labels(_ gmailID: String, _ fixture: StoreFixture) throws -> [String] {
        try #require(try fixture.store.connection.first("SELECT labels FROM incoming_emails WHERE gmail_id = ?", gmailID))
            .strings(0)
    }

    private func waiting(_ fixture: StoreFixture, mailbox: Mailbox? = nil) throws -> [String: LabelChange] {
        let pending = try fixture.store.pendingLabelChanges(mailbox: (mailbox ?? fixture.annMailbox).id, now: now)
        return Dictionary(uniqueKeysWithValues: pending.map { ($0.gmailID, $0.change) })
    }

    @Test func readingChangesTheLabelsAtOnceAndQueuesTheChangeForGmail() throws {
        let fixture = try setUp()
        let edit = try fixture.store.apply(.read, toMessage: id("a1", fixture), by: fixture.ann)
        #expect(edit == LabelEdit(messages: [LabelEdit.Message(id: try id("a1", fixture), change: LabelChange(remove: ["UNREAD"]))],
                                  covered: 1, queued: 1))
        #expect(try labels("a1", fixture) == ["INBOX"])
        #expect(try labels("b1", fixture) == ["INBOX", "UNREAD"], "read state is per message")
        #expect(try waiting(fixture) == ["a1": LabelChange(remove: ["UNREAD"])])
        #expect(try fixture.store.pendingLabelChangeCount(mailbox: fixture.annMailbox.id) == 1)
        let row = try #require(try fixture.store.connection.first("SELECT * FROM label_changes"))
        #expect(try row.date("created_at") == now && row.int("attempts") == 0 && row.optionalString("last_error") == nil)
    }

    @Test func archiveAndTrashTakeTheWholeConversationAndQueueOnlyWhatChanged() throws {
        let fixture = try setUp()
        let archived = try fixture.store.apply(.archive, toMessage: id("a2", fixture), by: fixture.ann)
        #expect(archived.covered == 3 && archived.queued == 2)
        #expect(try ["a1", "a2", "a3"].map { try labels($0, fixture) } == [["UNREAD"], ["IMPORTANT"], ["SENT"]])
        #expect(try waiting(fixture) == ["a1": LabelChange(remove: ["INBOX"]), "a2": LabelChange(remove: ["INBOX"])])
        #expect(try labels("b1", fixture) == ["INBOX", "UNREAD"])

        let trashed = try fixture.store.apply(.trash, toMessage: id("a3", fixture), by: fixture.ann)
        #expect(trashed.messages.count == 3)
        #expect(try waiting(fixture) == ["a1": LabelChange(add: ["TRASH"], remove: ["INBOX"]),
                                         "a2": LabelChange(add: ["TRASH"], remove: ["INBOX"]),
                                         "a3": LabelChange(add: ["TRASH"])])
        let again = try fixture.store.apply(.trash, toMessage: id("a1", fixture), by: fixture.ann)
        #expect(again.isEmpty && again.covered == 3, "already in the trash: nothing changes, nothing more is queued")
    }

    @Test func laterChangesFoldIntoTheOneWaitingAndALaterWordWinsPerLabel() throws {
        let fixture = try setUp()
        let store = fixture.store
        let a1 = try id("a1", fixture)
        try store.apply(.read, toMessage: a1, by: fixture.ann)
        try store.apply(.unread, toMessage: a1, by: fixture.ann)
        #expect(try waiting(fixture) == ["a1": LabelChange(add: ["UNREAD"])])
        try store.apply(.archive, toMessage: a1, by: fixture.ann)
        try store.apply(.read, toMessage: a1, by: fixture.ann)
        #expect(try waiting(fixture)["a1"] == LabelChange(remove: ["INBOX", "UNREAD"]))
        #expect(try store.count("SELECT count(*) FROM label_changes WHERE gmail_id = 'a1'") == 1)
        #expect(try labels("a1", fixture) == [])
    }

    @Test func undoQueuesTheInverseAndRestoresWhatWasThere() throws {
        let fixture = try setUp()
        let store = fixture.store
        let before = try ["a1", "a2", "a3"].map { try labels($0, fixture) }
        let trashed = try store.apply(.trash, toMessage: id("a1", fixture), by: fixture.ann)
        let undone = try store.undo(trashed, by: fixture.ann)
        #expect(undone.messages.count == 3 && undone.queued == 3)
        #expect(try ["a1", "a2", "a3"].map { try Set(labels($0, fixture)) } == before.map(Set.init))
        // What Gmail gets in the end is the message as it was: TRASH off, INBOX back where it was.
        #expect(try waiting(fixture) == ["a1": LabelChange(add: ["INBOX"], remove: ["TRASH"]),
                                         "a2": LabelChange(add: ["INBOX"], remove: ["TRASH"]),
                                         "a3": LabelChange(remove: ["TRASH"])])
        #expect(try store.undo(undone, by: fixture.ann).messages.count == 3, "undo of the undo trashes again")
        #expect(try labels("a3", fixture).contains("TRASH"))
    }

    @Test func onlyTheMailboxOwnerChangesItsMailAndOtherTeamsSeeNothing() throws {
        let fixture = try setUp()
        let store = fixture.store
        #expect(throws: Refusal.notYourMessage(id: try id("c1", fixture), owner: "al")) {
            try store.apply(.read, toMessage: try id("c1", fixture), by: fixture.ann)
        }
        #expect(throws: Refusal.notFound(.message, id: try id("d1", fixture))) {
            try store.apply(.archive, toMessage: try id("d1", fixture), by: fixture.ann)
        }
        #expect(throws: Refusal.notFound(.message, id: 9_999)) { try store.apply(.read, toMessage: 9_999, by: fixture.ann) }
        // An administrator sees every team's mail but changes only their own mailboxes.
        #expect(throws: Refusal.notYourMessage(id: try id("d1", fixture), owner: "bob")) {
            try store.apply(.trash, toMessage: try id("d1", fixture), by: fixture.ada)
        }
        #expect(try store.count("SELECT count(*) FROM label_changes") == 0)
        #expect(try labels("c1", fixture) == ["INBOX"] && labels("d1", fixture) == ["INBOX"])
    }

    @Test func historyUnderAWaitingChangeDoesNotUndoIt() throws {
        let fixture = try setUp()
        let store = fixture.store
        try store.apply(.read, toMessage: id("a1", fixture), by: fixture.ann)
        // Gmail still says UNREAD (it has not had the change) and someone starred it there.
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "a1", labels: ["INBOX", "UNREAD", "STARRED"])
        #expect(try Set(labels("a1", fixture)) == ["INBOX", "STARRED"])
        // A fetch of the same message goes the same way.
        var fetched = fixture.message(in: fixture.annMailbox, id: "a1", from: "carol@client.example",
                                      to: ["ann@alpha.example"], subject: "Order", labels: ["INBOX", "UNREAD"])
        fetched.threadID = "t1"
        try store.storeFetched(fetched)
        #expect(try labels("a1", fixture) == ["INBOX"])
        // Once Gmail has it, history counts as it is.
        try store.forgetLabelChanges(mailbox: fixture.annMailbox.id,
                                     store.pendingLabelChanges(mailbox: fixture.annMailbox.id, now: now))
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "a1", labels: ["INBOX", "UNREAD"])
        #expect(try labels("a1", fixture) == ["INBOX", "UNREAD"])
    }

    @Test func aChangeMadeAgainWhileSyncSendsTheOldOneIsKept() throws {
        let fixture = try setUp()
        let store = fixture.store
        let mailbox = fixture.annMailbox.id
        let a1 = try id("a1", fixture)
        try store.apply(.read, toMessage: a1, by: fixture.ann)
        let sent = try store.pendingLabelChanges(mailbox: mailbox, now: now)
        try store.apply(.unread, toMessage: a1, by: fixture.ann)
        try store.forgetLabelChanges(mailbox: mailbox, sent)
        #expect(try waiting(fixture) == ["a1": LabelChange(add: ["UNREAD"])], "Gmail has not had the newer change")
        try store.deferLabelChanges(mailbox: mailbox, sent, error: "Gmail refused", now: now)
        #expect(try store.pendingLabelChanges(mailbox: mailbox, now: now).first?.attempts == 0,
                "a refusal of the older change does not hold the newer one back")
    }

    @Test func aRefusedChangeWaitsWithItsErrorAndANewChangeGoesAtOnce() throws {
        let fixture = try setUp()
        let store = fixture.store
        let mailbox = fixture.annMailbox.id
        try store.apply(.archive, toMessage: id("b1", fixture), by: fixture.ann)
        let sent = try store.pendingLabelChanges(mailbox: mailbox, now: now)
        try store.deferLabelChanges(mailbox: mailbox, sent, error: "Gmail refused: token ya29.secretsecret", now: now)
        #expect(try store.pendingLabelChanges(mailbox: mailbox, now: now).isEmpty, "it waits")
        let later = try #require(try store.pendingLabelChanges(mailbox: mailbox, now: now + 31).first)
        #expect(later.attempts == 1)
        #expect(later.lastError?.contains("ya29") == false && later.lastError?.contains("Gmail refused") == true)
        #expect(try store.pendingLabelChangeCount(mailbox: mailbox) == 1, "waiting changes still count")
        try store.apply(.read, toMessage: id("b1", fixture), by: fixture.ann)
        let renewed = try #require(try store.pendingLabelChanges(mailbox: mailbox, now: now).first)
        #expect(renewed.attempts == 0 && renewed.lastError == nil)
        #expect(renewed.change == LabelChange(remove: ["INBOX", "UNREAD"]))
    }

    @Test func trashTakesMailOffTimelinesAtOnceAndUntrashBringsItBack() throws {
        let fixture = try setUp()
        let store = fixture.store
        let carol = try #require(try store.contacts(in: fixture.ann.scope, matching: "carol").first)
        func entries() throws -> Int { try store.timeline(contact: carol.id, in: fixture.ann.scope).count }
        let before = try entries()
        try store.apply(.trash, toMessage: id("a2", fixture), by: fixture.ann)
        #expect(try entries() == before - 3, "the conversation's three messages leave Carol's timeline")
        try store.apply(.untrash, toMessage: id("a2", fixture), by: fixture.ann)
        #expect(try entries() == before)
        #expect(try labels("a2", fixture) == ["IMPORTANT", "INBOX"])
    }

    @Test func importedMailChangesHereOnly() throws {
        let fixture = try setUp()
        let store = fixture.store
        let imported = fixture.message(in: fixture.annMailbox, id: IncomingEmail.importedIDPrefix + "x@mail",
                                       from: "carol@client.example", to: ["ann@alpha.example"], subject: "Old",
                                       labels: ["INBOX", "UNREAD"])
        try store.recordIncoming(imported)
        let edit = try store.apply(.read, toMessage: id(imported.gmailID, fixture), by: fixture.ann)
        #expect(edit.messages.count == 1 && edit.queued == 0)
        #expect(try labels(imported.gmailID, fixture) == ["INBOX"])
        #expect(try store.count("SELECT count(*) FROM label_changes") == 0)
    }

    @Test func aMessageDeletedInGmailTakesItsWaitingChangeWithIt() throws {
        let fixture = try setUp()
        let store = fixture.store
        try store.apply(.read, toMessage: id("b1", fixture), by: fixture.ann)
        try store.deleteIncoming(mailbox: fixture.annMailbox.id, gmailID: "b1")
        #expect(try store.pendingLabelChangeCount(mailbox: fixture.annMailbox.id) == 0)
    }
}
