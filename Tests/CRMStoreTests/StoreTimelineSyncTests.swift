import CRMCore
import Foundation
import RapportTestSupport
import Testing
@testable import CRMStore

/// What sync's label changes and permanent deletions do to timelines, insights, going cold and search.
@Suite struct StoreTimelineSyncTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let day: TimeInterval = 86400

    /// Ann's fixture with contact Carol and one message from her, 40 days old, in Ann's mailbox.
    private func setUp() throws -> (StoreFixture, Contact, IncomingEmail) {
        let fixture = try StoreFixture()
        fixture.store.now = { [now] in now }
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let message = fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                      to: ["ann@alpha.example", "al@alpha.example"], subject: "Pomegranate order",
                                      messageID: "pom@client.example", at: now - 40 * day)
        try fixture.store.recordIncoming(message)
        return (fixture, carol, message)
    }

    /// Everything that should show Carol's email: timeline, insights, last touch, going cold, search.
    private func visible(_ fixture: StoreFixture, _ carol: Contact) throws -> [Bool] {
        let store = fixture.store
        let scope = fixture.ann.scope
        return [
            try !store.timeline(contact: carol.id, in: scope).isEmpty,
            try store.insights(contact: carol.id, in: scope).weeks.contains { $0.incoming > 0 },
            try store.lastTouch(contact: carol.id, in: scope) != nil,
            try store.coldContacts(in: scope, days: 30).map(\.contactID) == [carol.id],
            try !store.search("pomegranate", in: scope).isEmpty,
        ]
    }

    @Test func trashAndSpamTakeMailOffEverythingAndUntrashBringsItBack() throws {
        let (fixture, carol, message) = try setUp()
        let store = fixture.store
        #expect(try visible(fixture, carol) == [true, true, true, true, true])
        for labels in [["TRASH"], ["SPAM", "UNREAD"]] {
            #expect(try store.applyLabels(mailbox: message.mailboxID, gmailID: "m1", labels: labels))
            #expect(try visible(fixture, carol) == [false, false, false, false, false], "\(labels)")
            #expect(try store.applyLabels(mailbox: message.mailboxID, gmailID: "m1", labels: ["INBOX"]))
            #expect(try visible(fixture, carol) == [true, true, true, true, true], "\(labels)")
        }
        #expect(try store.connection.first("SELECT labels FROM incoming_emails WHERE gmail_id = 'm1'")?.string(0)
                == #"["INBOX"]"#)
        #expect(try !store.applyLabels(mailbox: message.mailboxID, gmailID: "unknown", labels: ["TRASH"]))
        #expect(try !store.applyLabels(mailbox: fixture.alMailbox.id, gmailID: "m1", labels: ["TRASH"]))
        #expect(try visible(fixture, carol) == [true, true, true, true, true])
    }

    @Test func aPersonsDeletionSurvivesTrashAndUntrash() throws {
        let (fixture, carol, message) = try setUp()
        let store = fixture.store
        let entry = try #require(try store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        try store.deleteActivity(id: entry.id, by: fixture.ann)
        for labels in [["TRASH"], ["INBOX"], ["SPAM"], ["INBOX", "IMPORTANT"]] {
            try store.applyLabels(mailbox: message.mailboxID, gmailID: "m1", labels: labels)
            #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
            #expect(try store.connection.first("SELECT hidden FROM activities WHERE id = ?", entry.id)?.int(0) == 1)
        }
        // Fetching the message again does not bring it back either.
        try store.storeFetched(message)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
    }

    @Test func mailFirstSeenInTheBinComesOnTheTimelineWhenItLeaves() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "s1", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "Quince", labels: ["SPAM"]))
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
        #expect(try store.search("quince", in: fixture.ann.scope).isEmpty)
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "s1", labels: ["INBOX"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).map(\.subject) == ["Quince"])
        #expect(try store.search("quince", in: fixture.ann.scope).count == 1)
    }

    @Test func untrashedMailStoredBeforeItsContactExistedJoinsTheirTimeline() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // Stored in the bin before this step's rules (no entry at all), or before Carol was a contact.
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "t1", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "Lychee", labels: ["TRASH"]))
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "t1", labels: ["TRASH", "UNREAD"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "t1", labels: ["INBOX"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).map(\.subject) == ["Lychee"])
    }

    @Test func anEntryStaysWhileAnyTeammatesCopyIsOutOfTheBin() throws {
        let (fixture, carol, message) = try setUp()
        let store = fixture.store
        var alsCopy = message
        alsCopy.mailboxID = fixture.alMailbox.id
        alsCopy.gmailID = "al-7"
        try store.recordIncoming(alsCopy)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1)
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "m1", labels: ["TRASH"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1, "Al still has it")
        try store.applyLabels(mailbox: fixture.alMailbox.id, gmailID: "al-7", labels: ["SPAM"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty, "every copy is in the bin")
        try store.applyLabels(mailbox: fixture.alMailbox.id, gmailID: "al-7", labels: ["INBOX"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1)
        // A copy in the bin stored while the entry is off brings nothing; one outside it brings it back.
        try store.applyLabels(mailbox: fixture.alMailbox.id, gmailID: "al-7", labels: ["TRASH"])
        var adasCopy = message
        adasCopy.mailboxID = fixture.adaMailbox.id
        adasCopy.gmailID = "ada-1"
        adasCopy.labels = ["SPAM"]
        try store.recordIncoming(adasCopy)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
        adasCopy.gmailID = "ada-2"
        adasCopy.labels = ["INBOX"]
        try store.recordIncoming(adasCopy)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1)
    }

    @Test func mailSentThroughRapportStaysWhenItsSyncedCopyIsBinned() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        var email = try fixture.draft(by: fixture.ann, to: "carol@client.example", subject: "Fig proposal")
        for action in [OutboxAction.queue, .claim, .markSent] {
            email = try store.apply(action, to: email.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
        // Ann's own copy in Sent syncs, then she bins it, then deletes it for good.
        let sentCopy = fixture.message(in: fixture.annMailbox, id: "s1", from: "ann@alpha.example",
                                       to: ["carol@client.example"], subject: "Fig proposal",
                                       messageID: email.messageID, labels: ["SENT"])
        try store.recordIncoming(sentCopy)
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "s1", labels: ["SENT", "TRASH"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).map(\.subject) == ["Fig proposal"])
        try store.deleteIncoming(mailbox: fixture.annMailbox.id, gmailID: "s1")
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).map(\.source)
                == [.outgoingEmail(email.id)])
    }

    @Test func mailSentBeforeACrashAndBinnedBeforeItIsMarkedSentIsOnTheTimeline() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        var email = try fixture.draft(by: fixture.ann, to: "carol@client.example", subject: "Date palms")
        for action in [OutboxAction.queue, .claim] {
            email = try store.apply(action, to: email.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
        // Gmail sent it but the process died before `markSent`; sync stores the Sent copy, already binned.
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "s1", from: "ann@alpha.example",
                                                 to: ["carol@client.example"], subject: "Date palms",
                                                 messageID: email.messageID, labels: ["SENT", "TRASH"]))
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
        try store.apply(.markSent, to: email.id, by: fixture.ann)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).map(\.subject) == ["Date palms"])
        try store.applyLabels(mailbox: fixture.annMailbox.id, gmailID: "s1", labels: ["SENT", "TRASH", "UNREAD"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1)
    }

    @Test func aPermanentDeleteRemovesTheMessageAndItsEntries() throws {
        let (fixture, carol, message) = try setUp()
        let store = fixture.store
        let noteBefore = try store.addActivity(contact: carol.id, type: .note, summary: "Called about pomegranates",
                                               by: fixture.ann)
        try store.enqueueFetches(mailbox: message.mailboxID, refs: [(id: "m1", threadID: "t")], purpose: .partial)
        #expect(try store.deleteIncoming(mailbox: message.mailboxID, gmailID: "m1"))
        #expect(try store.messageCount(mailbox: message.mailboxID) == 0)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).map(\.id) == [noteBefore.id])
        #expect(try store.connection.first("SELECT count(*) FROM activities WHERE type = 'email'")?.int(0) == 0)
        #expect(try store.search("pomegranate order", in: fixture.ann.scope).map(\.kind) == [])
        #expect(try store.pendingFetchCount(mailbox: message.mailboxID) == 0)
        #expect(try !store.deleteIncoming(mailbox: message.mailboxID, gmailID: "m1"))
    }

    @Test func aPermanentDeleteMovesEntriesToATeammatesCopy() throws {
        let (fixture, carol, message) = try setUp()
        let store = fixture.store
        var alsCopy = message
        alsCopy.mailboxID = fixture.alMailbox.id
        alsCopy.gmailID = "al-7"
        let alsID = try store.recordIncoming(alsCopy).id
        // Another team's copy of the same message is never borrowed.
        let bea = try fixture.contact("Carol B", "carol@client.example", by: fixture.bob)
        var bobsCopy = message
        bobsCopy.mailboxID = fixture.bobMailbox.id
        bobsCopy.gmailID = "bob-1"
        try store.recordIncoming(bobsCopy)

        let entry = try #require(try store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        #expect(try store.deleteIncoming(mailbox: fixture.annMailbox.id, gmailID: "m1"))
        let after = try store.timeline(contact: carol.id, in: fixture.ann.scope)
        #expect(after.map(\.id) == [entry.id])
        #expect(after.map(\.source) == [.incomingEmail(alsID)])
        #expect(try store.search("pomegranate", in: fixture.ann.scope).map(\.id) == [alsID])
        // Al's copy is in the bin: deleting it for good leaves no entry behind.
        try store.applyLabels(mailbox: fixture.alMailbox.id, gmailID: "al-7", labels: ["TRASH"])
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
        #expect(try store.deleteIncoming(mailbox: fixture.alMailbox.id, gmailID: "al-7"))
        #expect(try store.connection.first("""
            SELECT count(*) FROM activities WHERE team_id = ? AND type = 'email'
            """, fixture.ann.teamID)?.int(0) == 0)
        #expect(try store.timeline(contact: bea.id, in: fixture.bob.scope).count == 1, "Bob's team keeps its own")
    }

    @Test func aPermanentDeletePrefersACopyOutsideTheBin() throws {
        let (fixture, carol, message) = try setUp()
        let store = fixture.store
        var alsCopy = message
        alsCopy.mailboxID = fixture.alMailbox.id
        alsCopy.gmailID = "al-7"
        alsCopy.labels = ["TRASH"]
        try store.recordIncoming(alsCopy)
        var adasCopy = message
        adasCopy.mailboxID = fixture.adaMailbox.id
        adasCopy.gmailID = "ada-3"
        let adasID = try store.recordIncoming(adasCopy).id
        try store.deleteIncoming(mailbox: fixture.annMailbox.id, gmailID: "m1")
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).map(\.source) == [.incomingEmail(adasID)])
    }
}
