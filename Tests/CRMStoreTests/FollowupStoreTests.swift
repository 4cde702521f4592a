import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct FollowupStoreTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    /// An email ann sent to `to` at `start` (as Gmail's thread "t-sent").
    func sent(_ fixture: StoreFixture, to: String = "carol@client.example", subject: String = "Proposal") throws -> OutgoingEmail {
        fixture.store.now = { Self.start }
        let draft = try fixture.draft(by: fixture.ann, to: to, subject: subject)
        try fixture.store.apply(.queue, to: draft.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        try fixture.store.apply(.claim, to: draft.id, by: fixture.ann)
        return try fixture.store.apply(.markSent, to: draft.id, by: fixture.ann,
                                       Store.OutboxUpdate(gmailID: "g-\(draft.id)", threadID: "t-sent"))
    }

    func list(_ fixture: StoreFixture, after days: Double, as user: User? = nil) throws -> [Followup] {
        fixture.store.now = { Self.start.addingTimeInterval(days * Self.day) }
        return try fixture.store.followups(in: (user ?? fixture.ann).scope, days: 3)
    }

    @Test func aSentEmailWithoutAReplyIsListedOnceItHasWaitedTheDays() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let email = try sent(fixture)
        #expect(try list(fixture, after: 2.9).isEmpty)
        let items = try list(fixture, after: 4.5)
        let item = try #require(items.first)
        #expect(items.count == 1)
        #expect(item.kind == .awaitingReply && item.outgoingEmailID == email.id && item.contactID == carol.id)
        #expect(item.to.map(\.value) == ["carol@client.example"] && item.subject == "Proposal")
        #expect(item.sentAt == Self.start && item.dueAt == Self.start.addingTimeInterval(3 * Self.day))
        #expect(item.daysWaiting == 4)
        // Other teams do not see it.
        #expect(try list(fixture, after: 4.5, as: fixture.bob).isEmpty)
    }

    @Test func aReplyToATeammateCountsAndSoDoesAnAnswerFromAnotherAddressInTheThread() throws {
        let fixture = try StoreFixture()
        let email = try sent(fixture)
        // Carol answers Al, not Ann: a reply to anyone on the team.
        var reply = fixture.message(in: fixture.alMailbox, id: "r1", from: "carol@client.example",
                                    to: ["al@alpha.example"], subject: "Re: Proposal",
                                    at: Self.start.addingTimeInterval(Self.day))
        reply.threadID = "unrelated"
        try fixture.store.recordIncoming(reply)
        #expect(try list(fixture, after: 5).isEmpty)

        let other = try sent(fixture, to: "dan@client.example", subject: "Second")
        // Someone else at the client answers Dan's thread, naming the email in In-Reply-To.
        var answer = fixture.message(in: fixture.annMailbox, id: "r2", from: "erin@client.example",
                                     to: ["ann@alpha.example"], subject: "Re: Second",
                                     at: Self.start.addingTimeInterval(Self.day))
        answer.inReplyTo = [try #require(other.messageID)]
        answer.threadID = "elsewhere"
        try fixture.store.recordIncoming(answer)
        #expect(try list(fixture, after: 5).isEmpty)
        _ = email
    }

    @Test func mailFromTheTeamOrFromBeforeTheSendIsNoReply() throws {
        let fixture = try StoreFixture()
        let email = try sent(fixture)
        // Al writes in the thread: the team talking to itself.
        var teammate = fixture.message(in: fixture.annMailbox, id: "t1", from: "al@alpha.example",
                                       to: ["ann@alpha.example"], subject: "Re: Proposal",
                                       at: Self.start.addingTimeInterval(Self.day))
        teammate.inReplyTo = [try #require(email.messageID)]
        try fixture.store.recordIncoming(teammate)
        // Carol wrote before the email went out.
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "old", from: "carol@client.example",
                                                         to: ["ann@alpha.example"], subject: "Earlier",
                                                         at: Self.start.addingTimeInterval(-Self.day)))
        #expect(try list(fixture, after: 4).map(\.outgoingEmailID) == [email.id])
    }

    @Test func aReplyFromAnotherAddressOfTheContactCounts() throws {
        let fixture = try StoreFixture()
        try fixture.store.addContact(name: "Carol", emails: [StoreFixture.address("carol@client.example"),
                                                             StoreFixture.address("carol@home.example")], by: fixture.ann)
        _ = try sent(fixture)
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "r1", from: "carol@home.example",
                                                         to: ["ann@alpha.example"], subject: "From home",
                                                         at: Self.start.addingTimeInterval(2 * Self.day)))
        #expect(try list(fixture, after: 4).isEmpty)
    }

    @Test func snoozedEmailsComeBackLaterAndDoneOnesNever() throws {
        let fixture = try StoreFixture()
        let first = try sent(fixture, subject: "One")
        let second = try sent(fixture, to: "dan@client.example", subject: "Two")
        fixture.store.now = { Self.start.addingTimeInterval(4 * Self.day) }
        let until = Self.start.addingTimeInterval(6 * Self.day)
        #expect(try fixture.store.snoozeFollowup(.email(first.id), until: until, by: fixture.al))
        let items = try list(fixture, after: 4)
        // Due ones first; the snoozed one waits at its new time.
        #expect(items.map(\.outgoingEmailID) == [second.id, first.id])
        #expect(items.last?.dueAt == until && items.last?.isDue(at: Self.start.addingTimeInterval(4 * Self.day)) == false)
        #expect(try fixture.store.finishFollowup(.email(second.id), by: fixture.ann))
        #expect(try list(fixture, after: 7).map(\.outgoingEmailID) == [first.id])
        // Another team cannot touch it; a draft is nothing to follow up.
        #expect(try !fixture.store.finishFollowup(.email(first.id), by: fixture.bob))
        let draft = try fixture.draft(by: fixture.ann)
        #expect(try !fixture.store.snoozeFollowup(.email(draft.id), until: until, by: fixture.ann))
    }

    @Test func theDueCountIsTheListsDueItemsAtEveryStep() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let first = try sent(fixture, subject: "One")
        _ = try sent(fixture, to: "dan@client.example", subject: "Two")
        _ = try fixture.store.addReminder(contact: carol.id, at: Self.start.addingTimeInterval(5 * Self.day), note: nil,
                                          by: fixture.ann)
        func agree(after days: Double, _ expected: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let items = try list(fixture, after: days)
            let due = items.filter { $0.isDue(at: Self.start.addingTimeInterval(days * Self.day)) }.count
            let count = try fixture.store.dueFollowupCount(in: fixture.ann.scope, days: 3)
            #expect(count == due && count == expected, "after \(days) days", sourceLocation: sourceLocation)
            #expect(try fixture.store.dueFollowupCount(in: fixture.bob.scope, days: 3) == 0, "another team's",
                    sourceLocation: sourceLocation)
        }
        try agree(after: 2.9, 0)
        try agree(after: 3.5, 2)
        #expect(try fixture.store.snoozeFollowup(.email(first.id), until: Self.start.addingTimeInterval(7 * Self.day),
                                                 by: fixture.ann))
        try agree(after: 4, 1)
        try agree(after: 6, 2)
        try agree(after: 8, 3)
    }

    @Test func remindersAreListedByTimeAndLeaveANoteWhenDone() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        fixture.store.now = { Self.start }
        let later = try fixture.store.addReminder(contact: carol.id, at: Self.start.addingTimeInterval(5 * Self.day),
                                                  note: "ask about the budget", by: fixture.ann)
        let soon = try fixture.store.addReminder(contact: carol.id, at: Self.start.addingTimeInterval(Self.day),
                                                 note: nil, by: fixture.al)
        let items = try list(fixture, after: 2)
        #expect(items.map(\.key) == [.reminder(soon.id), .reminder(later.id)])
        #expect(items.first?.isDue(at: Self.start.addingTimeInterval(2 * Self.day)) == true)
        #expect(items.last?.note == "ask about the budget" && items.last?.to.map(\.value) == ["carol@client.example"])
        #expect(items.first?.daysWaiting == 1 && items.last?.daysWaiting == 0)
        #expect(try !fixture.store.finishFollowup(.reminder(later.id), by: fixture.bob))
        #expect(try fixture.store.finishFollowup(.reminder(later.id), by: fixture.al))
        #expect(try !fixture.store.finishFollowup(.reminder(later.id), by: fixture.al))
        let note = try #require(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        #expect(note.type == .note && note.summary == "Reminder done: ask about the budget" && note.userLogin == "al")
        #expect(try fixture.store.snoozeFollowup(.reminder(soon.id), until: Self.start.addingTimeInterval(9 * Self.day),
                                                 by: fixture.ann))
        #expect(try list(fixture, after: 2).map(\.dueAt) == [Self.start.addingTimeInterval(9 * Self.day)])
    }

    @Test func aReminderOnAnEmailIsAboutItsContact() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let email = try sent(fixture)
        let reminder = try fixture.store.addReminder(contact: nil, email: email.id,
                                                     at: Self.start.addingTimeInterval(Self.day), note: "call", by: fixture.ann)
        #expect(reminder.contactID == carol.id && reminder.outgoingEmailID == email.id)
        let item = try #require(try list(fixture, after: 1.5).first { $0.kind == .reminder })
        #expect(item.subject == "Proposal" && item.sentAt == Self.start)
        #expect(throws: Refusal.notFound(.outgoingEmail, id: email.id)) {
            try fixture.store.addReminder(contact: nil, email: email.id, at: Self.start, note: nil, by: fixture.bob)
        }
        #expect(throws: Refusal.notFound(.contact, id: carol.id)) {
            try fixture.store.addReminder(contact: carol.id, at: Self.start, note: nil, by: fixture.bob)
        }
    }
}
