import CRMCore
import DeterministicRandom
import Foundation
import Testing
@testable import CRMStore

/// Conversations as mail lists read them: summaries kept right by every write, views, paging, the wall.
@Suite struct ConversationStoreTests {
    private static let day: TimeInterval = 86_400
    private static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// A message of `thread` in `mailbox`, `minutes` after the start.
    private func mail(_ fixture: StoreFixture, _ mailbox: Mailbox, _ id: String, thread: String?, minutes: Int,
                      from: String = "carol@client.example", name: String? = nil, to: [String] = ["ann@alpha.example"],
                      cc: [String] = [], subject: String = "Proposal", labels: [String] = ["INBOX", "UNREAD"])
        -> IncomingEmail {
        IncomingEmail(mailboxID: mailbox.id, gmailID: id, threadID: thread, messageID: "\(id)@mail", fromName: name,
                      fromAddress: EmailAddress(from), to: to.compactMap(EmailAddress.init),
                      cc: cc.compactMap(EmailAddress.init), subject: subject, snippet: "", bodyText: "Body of \(id)",
                      internalDate: Self.start.addingTimeInterval(Double(minutes) * 60), labels: labels)
    }

    private func list(_ fixture: StoreFixture, _ folder: MailFolder, mailboxes: [Mailbox]? = nil, user: User? = nil,
                      limit: Int = 100) throws -> [Conversation] {
        try fixture.store.conversations(mailboxes: (mailboxes ?? [fixture.annMailbox]).map(\.id), folder: folder,
                                        in: (user ?? fixture.ann).scope, limit: limit)
    }

    @Test func aThreadIsSummedUpAsItsMessagesArrive() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let first = try store.recordIncoming(mail(fixture, fixture.annMailbox, "g1", thread: "t1", minutes: 0,
                                                  name: "Carol Client", cc: ["dan@client.example"]))
        // Arrives out of order: the subject stays the first message's, the time becomes the newest.
        let reply = try store.recordIncoming(mail(fixture, fixture.annMailbox, "g3", thread: "t1", minutes: 20,
                                                  from: "ann@alpha.example", name: "Ann Lee",
                                                  to: ["carol@client.example", "erin@client.example"],
                                                  subject: "Re: Proposal", labels: ["SENT"]))
        let middle = try store.recordIncoming(mail(fixture, fixture.annMailbox, "g2", thread: "t1", minutes: 10,
                                                   subject: "Re: Proposal", labels: ["INBOX", "IMPORTANT"]))
        let conversation = try #require(try list(fixture, .allMail).first)
        #expect(conversation.threadID == "t1")
        #expect(conversation.account.value == "ann@alpha.example")
        #expect(conversation.subject == "Proposal")
        #expect(conversation.messageCount == 3)
        #expect(conversation.unreadCount == 1)
        #expect(conversation.lastAt == Self.start.addingTimeInterval(20 * 60))
        #expect(conversation.labels == ["IMPORTANT", "INBOX", "SENT", "UNREAD"])
        #expect(conversation.messageIDs == [first.id, middle.id, reply.id])
        #expect(conversation.participants.map(\.address.value)
                    == ["carol@client.example", "ann@alpha.example", "dan@client.example", "erin@client.example"])
        #expect(conversation.participants.map(\.name) == ["Carol Client", "Ann Lee", nil, nil])
        #expect(try store.conversation(ofMessage: middle.id, in: fixture.ann.scope) == conversation)
    }

    @Test func labelChangesDeletionsAndMovesKeepTheSummaryRight() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.recordIncoming(mail(fixture, box, "g1", thread: "t1", minutes: 0))
        try store.recordIncoming(mail(fixture, box, "g2", thread: "t1", minutes: 5, labels: ["INBOX", "UNREAD", "STARRED"]))
        try store.recordIncoming(mail(fixture, box, "g3", thread: "t2", minutes: 1, subject: "Invoice"))

        // Read: the unread count falls, the Unread view loses the conversation once nothing in it is unread.
        try store.applyLabels(mailbox: box.id, gmailID: "g1", labels: ["INBOX"])
        #expect(try list(fixture, .allMail).first { $0.threadID == "t1" }?.unreadCount == 1)
        try store.applyLabels(mailbox: box.id, gmailID: "g2", labels: ["INBOX", "STARRED"])
        #expect(try list(fixture, .unread).map(\.threadID) == ["t2"])
        #expect(try list(fixture, .allMail).first { $0.threadID == "t1" }?.labels == ["INBOX", "STARRED"])

        // Archived: out of the Inbox, still in All Mail; trashed: out of All Mail, into Trash.
        try store.applyLabels(mailbox: box.id, gmailID: "g1", labels: [])
        try store.applyLabels(mailbox: box.id, gmailID: "g2", labels: ["STARRED"])
        #expect(try list(fixture, .inbox).map(\.threadID) == ["t2"])
        #expect(try list(fixture, .allMail).map(\.threadID) == ["t1", "t2"])
        try store.applyLabels(mailbox: box.id, gmailID: "g1", labels: ["TRASH"])
        try store.applyLabels(mailbox: box.id, gmailID: "g2", labels: ["TRASH"])
        #expect(try list(fixture, .allMail).map(\.threadID) == ["t2"])
        #expect(try list(fixture, .trash).map(\.threadID) == ["t1"])

        // A deletion takes the message out of the count and the newest time back.
        try store.deleteIncoming(mailbox: box.id, gmailID: "g2")
        let left = try #require(try list(fixture, .trash).first)
        #expect(left.messageCount == 1 && left.lastAt == Self.start && left.labels == ["TRASH"])
        // The last message gone, the conversation and its labels go.
        try store.deleteIncoming(mailbox: box.id, gmailID: "g1")
        #expect(try list(fixture, .trash).isEmpty)
        #expect(try store.count("SELECT count(*) FROM conversations") == 1)
        #expect(try store.count("SELECT count(*) FROM conversation_labels") == 2)

        // A message moved to another thread leaves one summary for the other.
        try store.recordIncoming(mail(fixture, box, "g4", thread: "t2", minutes: 9, subject: "Re: Invoice",
                                      labels: ["INBOX"]))
        try store.connection.execute("UPDATE incoming_emails SET thread_id = 't3' WHERE gmail_id = 'g4'")
        let threads = try list(fixture, .inbox)
        #expect(threads.map(\.threadID) == ["t3", "t2"])
        #expect(threads.map(\.messageCount) == [1, 1])
        #expect(threads.map(\.subject) == ["Re: Invoice", "Invoice"])
        #expect(threads[1].lastAt == Self.start.addingTimeInterval(60))
    }

    @Test func mailWithoutAThreadIsAConversationOfItsOwn() throws {
        let fixture = try StoreFixture()
        let box = fixture.annMailbox
        let lone = try fixture.store.recordIncoming(mail(fixture, box, "import:a@x", thread: nil, minutes: 0))
        try fixture.store.recordIncoming(mail(fixture, box, "import:b@x", thread: nil, minutes: 1))
        let conversations = try list(fixture, .inbox)
        #expect(conversations.map(\.threadID) == ["import:b@x", "import:a@x"])
        #expect(conversations.last?.messageIDs == [lone.id])
    }

    @Test func everyViewAndUserLabelsByName() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.recordIncoming(mail(fixture, box, "i1", thread: "inbox", minutes: 6))
        try store.recordIncoming(mail(fixture, box, "s1", thread: "sent", minutes: 5, from: "ann@alpha.example",
                                      labels: ["SENT"]))
        try store.recordIncoming(mail(fixture, box, "a1", thread: "archived", minutes: 4, labels: ["Label_7"]))
        try store.recordIncoming(mail(fixture, box, "t1", thread: "trashed", minutes: 3, labels: ["TRASH"]))
        try store.recordIncoming(mail(fixture, box, "p1", thread: "spam", minutes: 2, labels: ["SPAM", "UNREAD"]))
        try store.recordIncoming(mail(fixture, box, "f1", thread: "folder", minutes: 1, labels: ["Old Projects"]))

        #expect(try list(fixture, .inbox).map(\.threadID) == ["inbox"])
        #expect(try list(fixture, .sent).map(\.threadID) == ["sent"])
        #expect(try list(fixture, .allMail).map(\.threadID) == ["inbox", "sent", "archived", "folder"])
        #expect(try list(fixture, .unread).map(\.threadID) == ["inbox", "spam"])
        #expect(try list(fixture, .trash).map(\.threadID) == ["trashed"])
        // Before Gmail's list of labels is known, a label is found as stored (imported folders always are).
        #expect(try list(fixture, .label("Old Projects")).map(\.threadID) == ["folder"])
        #expect(try list(fixture, .label("Customers")).isEmpty)
        #expect(try store.labelID("Customers", mailbox: box.id) == nil)

        try store.replaceLabels(mailbox: box.id, with: [MailLabel(id: "INBOX", name: "INBOX", isSystem: true),
                                                        MailLabel(id: "Label_7", name: "Customers", isSystem: false)],
                                listedAt: Self.start)
        for name in ["Customers", "customers", "Label_7"] {
            #expect(try list(fixture, .label(name)).map(\.threadID) == ["archived"], "--label \(name)")
        }
        #expect(try list(fixture, .allMail).first { $0.threadID == "archived" }?.labels == ["Customers"])
        #expect(try store.labelNames(mailbox: box.id)
                    == ["Customers", "INBOX", "Old Projects", "SENT", "SPAM", "TRASH", "UNREAD"])
    }

    @Test func pagingReachesTheOldestOf1500WithoutDuplicatesOrGaps() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var expected: [(at: Int, id: Int64)] = []
        try store.connection.write {
            for number in 0..<1_500 {
                // Three conversations share each minute, so pages break inside runs of equal times.
                let minute = number / 3
                let stored = try store.recordIncoming(mail(fixture, fixture.annMailbox, "g\(number)", thread: "t\(number)",
                                                           minutes: minute))
                expected.append((minute, stored.id))
            }
        }
        let newestFirst = try expected.map { pair in
            (pair.at, try #require(try store.conversation(ofMessage: pair.id, in: .everyone)).id)
        }.sorted { ($0.0, $0.1) > ($1.0, $1.1) }.map(\.1)
        for size in [50, 37] {
            var seen: [Int64] = []
            var cursor: ConversationCursor?
            var pages = 0
            while true {
                let page = try store.conversations(mailboxes: [fixture.annMailbox.id], folder: .inbox, in: fixture.ann.scope,
                                                   limit: size, before: cursor)
                if page.isEmpty { break }
                pages += 1
                seen += page.map(\.id)
                cursor = page.last?.cursor
                guard let text = cursor?.description else { break }
                cursor = ConversationCursor(text)
            }
            #expect(seen == newestFirst, "pages of \(size) list every conversation once, in order")
            #expect(pages == (1_500 + size - 1) / size)
            #expect(try store.conversations(mailboxes: [fixture.annMailbox.id], folder: .inbox, in: fixture.ann.scope,
                                            limit: size, before: cursor).isEmpty)
        }
    }

    @Test func aLabelViewPagesByTheConversationsNewestEvenWhenThatMessageLacksTheLabel() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // Inbox threads at minutes 10, 20, …, 100; the thread at minute 50 gets Ann's reply (SENT, no
        // INBOX) at minute 200. Its Inbox row takes the conversation's newest time (200), which is what
        // the cursor carries: pages break anywhere without skipping or repeating it.
        for number in 1...10 {
            try store.recordIncoming(mail(fixture, fixture.annMailbox, "in\(number)", thread: "t\(number)",
                                          minutes: number * 10, labels: ["INBOX", "UNREAD"]))
        }
        try store.recordIncoming(mail(fixture, fixture.annMailbox, "reply5", thread: "t5", minutes: 200,
                                      from: "ann@alpha.example", to: ["carol@client.example"], labels: ["SENT"]))
        let order = ["t5"] + [10, 9, 8, 7, 6, 4, 3, 2, 1].map { "t\($0)" }
        // Once through the insert trigger, once through the trigger that sums a conversation up again.
        for pass in ["inserted", "summed up again"] {
            #expect(try list(fixture, .inbox).map(\.threadID) == order, "\(pass)")
            for size in 1...4 {
                var seen: [String] = []
                var cursor: ConversationCursor?
                while seen.count <= 20 {
                    let page = try store.conversations(mailboxes: [fixture.annMailbox.id], folder: .inbox,
                                                       in: fixture.ann.scope, limit: size, before: cursor)
                    if page.isEmpty { break }
                    seen += page.map(\.threadID)
                    cursor = page.last?.cursor
                }
                #expect(seen == order, "\(pass): pages of \(size) list each conversation once")
                var back: [String] = []
                cursor = nil
                while back.count <= 20 {
                    let page = try store.conversations(mailboxes: [fixture.annMailbox.id], folder: .inbox,
                                                       in: fixture.ann.scope, limit: size, after: cursor)
                    if page.isEmpty { break }
                    back = page.map(\.threadID) + back
                    cursor = page.first?.cursor
                }
                #expect(back == order, "\(pass): pages of \(size) from the oldest end")
            }
            try store.connection.execute("UPDATE incoming_emails SET labels = '[\"INBOX\"]' WHERE gmail_id = 'in5'")
        }
    }

    @Test func pagesFromTheOldestEndReachTheNewestBackwards() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let second = try store.addMailbox(email: EmailAddress("ann.lee@gmail.example")!, for: fixture.ann)
        try store.connection.write {
            for number in 0..<300 {
                // Two mailboxes, and three conversations to each minute, so pages break inside equal times.
                let box = number.isMultiple(of: 2) ? fixture.annMailbox : second
                try store.recordIncoming(mail(fixture, box, "g\(number)", thread: "t\(number)", minutes: number / 3,
                                              labels: number.isMultiple(of: 5) ? ["SENT"] : ["INBOX"]))
            }
        }
        let boxes = [fixture.annMailbox.id, second.id]
        for folder in [MailFolder.inbox, .allMail] {
            let newestFirst = try store.conversations(mailboxes: boxes, folder: folder, in: fixture.ann.scope, limit: 1_000)
                .map(\.id)
            #expect(newestFirst.count == (folder == .inbox ? 240 : 300))
            for size in [50, 37] {
                let oldest = try store.conversations(mailboxes: boxes, folder: folder, in: fixture.ann.scope, limit: size,
                                                     after: nil)
                #expect(oldest.map(\.id) == Array(newestFirst.suffix(size)), "the oldest page at once, newest first")
                var seen = oldest.map(\.id)
                var cursor = oldest.first?.cursor
                while let from = cursor {
                    let page = try store.conversations(mailboxes: boxes, folder: folder, in: fixture.ann.scope, limit: size,
                                                       after: from)
                    seen = page.map(\.id) + seen
                    cursor = page.first?.cursor
                }
                #expect(seen == newestFirst, "\(folder.title), pages of \(size): every conversation once, in order")
            }
        }
    }

    @Test func severalMailboxesReadAsOneList() throws {
        let fixture = try StoreFixture()
        let second = try fixture.store.addMailbox(email: EmailAddress("ann.lee@gmail.example")!, for: fixture.ann)
        for minute in 0..<6 {
            let box = minute.isMultiple(of: 2) ? fixture.annMailbox : second
            try fixture.store.recordIncoming(mail(fixture, box, "g\(minute)", thread: "t\(minute)", minutes: minute))
        }
        let both = [fixture.annMailbox, second]
        let first = try list(fixture, .inbox, mailboxes: both, limit: 4)
        #expect(first.map(\.threadID) == ["t5", "t4", "t3", "t2"])
        #expect(first.map(\.account.value) == ["ann.lee@gmail.example", "ann@alpha.example", "ann.lee@gmail.example",
                                               "ann@alpha.example"])
        let rest = try fixture.store.conversations(mailboxes: both.map(\.id), folder: .inbox, in: fixture.ann.scope,
                                                   limit: 4, before: first.last?.cursor)
        #expect(rest.map(\.threadID) == ["t1", "t0"])
    }

    @Test func anotherTeamsMailStaysBehindTheWall() throws {
        let fixture = try StoreFixture()
        let stored = try fixture.store.recordIncoming(mail(fixture, fixture.annMailbox, "g1", thread: "t1", minutes: 0))
        #expect(try list(fixture, .inbox, user: fixture.bob).isEmpty)
        #expect(try list(fixture, .inbox, user: fixture.al).count == 1, "a teammate's mailbox is the team's mail")
        #expect(try list(fixture, .inbox, user: fixture.ada).count == 1)
        #expect(try fixture.store.conversation(ofMessage: stored.id, in: fixture.bob.scope) == nil)
        #expect(try fixture.store.mailMessage(id: stored.id, in: fixture.bob.scope) == nil)
        #expect(try fixture.store.conversationMessages(of: stored.id, in: fixture.bob.scope).isEmpty)
        #expect(try fixture.store.conversationMessages(of: stored.id, in: fixture.ann.scope).map(\.id) == [stored.id])
    }

    @Test func labelsAreListedAgainWhenOldOrWhenMailCarriesAnUnknownOne() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox.id
        func due(after seconds: TimeInterval) throws -> Bool {
            try store.labelsNeedListing(mailbox: box, now: Self.start.addingTimeInterval(seconds), maximumAge: 900,
                                        minimumAge: 60)
        }
        #expect(try due(after: 0), "never listed")
        try store.replaceLabels(mailbox: box, with: [MailLabel(id: "INBOX", name: "INBOX", isSystem: true)],
                                listedAt: Self.start)
        #expect(try !due(after: 120))
        #expect(try due(after: 900))
        try store.recordIncoming(mail(fixture, fixture.annMailbox, "g1", thread: "t1", minutes: 0, labels: ["INBOX", "Label_9"]))
        #expect(try !due(after: 30), "not twice within a minute")
        #expect(try due(after: 120), "Label_9 is not on the list")
    }

    @Test func summariesMadeByTheMigrationEqualThoseTheTriggersKeep() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.recordIncoming(mail(fixture, box, "g1", thread: "t1", minutes: 5, subject: "Second"))
        try store.recordIncoming(mail(fixture, box, "g2", thread: "t1", minutes: 9, from: "ann@alpha.example",
                                      subject: "Re: Second", labels: ["SENT"]))
        // Older than every other message of its thread, and arriving last: its subject is the thread's.
        try store.recordIncoming(mail(fixture, box, "g0", thread: "t1", minutes: 1, subject: "First", labels: ["INBOX"]))
        // As old as the first message of its thread: the one stored first stays first.
        try store.recordIncoming(mail(fixture, box, "h1", thread: "t2", minutes: 3, subject: "Kept"))
        try store.recordIncoming(mail(fixture, box, "h2", thread: "t2", minutes: 3, subject: "Not kept", labels: ["STARRED"]))
        try store.recordIncoming(mail(fixture, fixture.alMailbox, "k1", thread: nil, minutes: 1, labels: ["TRASH"]))
        try store.recordIncoming(mail(fixture, box, "k2", thread: "t3", minutes: 7, labels: ["INBOX"]))
        try store.applyLabels(mailbox: box.id, gmailID: "g1", labels: ["INBOX"])
        try store.deleteIncoming(mailbox: box.id, gmailID: "k2")
        #expect(try list(fixture, .allMail).map(\.subject) == ["First", "Kept"])
        let (summaries, labels) = try summedUpAgain(store)
        #expect(summaries.kept == summaries.rebuilt)
        #expect(labels.kept == labels.rebuilt)
        #expect(summaries.kept.count == 3 && labels.kept.count == 6)
    }

    @Test func randomWritesLeaveTheSummariesTheMigrationWouldMake() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var random = SeededRandom(seed: 14)
        let boxes = [fixture.annMailbox, fixture.alMailbox]
        let labelSets = [["INBOX"], ["INBOX", "UNREAD"], ["SENT"], ["TRASH"], ["SPAM", "UNREAD"], ["Label_1"], []]
        var stored: [(Mailbox, String)] = []
        for step in 0..<400 {
            let box = random.pick(boxes)
            switch random.below(10) {
            case 0..<6:
                let id = "m\(step)"
                try store.recordIncoming(mail(fixture, box, id, thread: random.chance(0.1) ? nil : "t\(random.below(25))",
                                              minutes: random.below(40), subject: "S\(step)",
                                              labels: random.pick(labelSets)))
                stored.append((box, id))
            case 6..<8 where !stored.isEmpty:
                let (box, id) = random.pick(stored)
                try store.applyLabels(mailbox: box.id, gmailID: id, labels: random.pick(labelSets))
            case 8 where !stored.isEmpty:
                let index = random.below(stored.count)
                try store.deleteIncoming(mailbox: stored[index].0.id, gmailID: stored[index].1)
                stored.remove(at: index)
            default:
                guard !stored.isEmpty else { continue }
                let (box, id) = random.pick(stored)
                try store.connection.execute("UPDATE incoming_emails SET thread_id = ? WHERE mailbox_id = ? AND gmail_id = ?",
                                             "t\(random.below(25))", box.id, id)
            }
        }
        let (summaries, labels) = try summedUpAgain(store)
        #expect(summaries.kept == summaries.rebuilt)
        #expect(labels.kept == labels.rebuilt)
        #expect(summaries.kept.count > 20)
    }

    /// The summaries and labels as the triggers kept them, and as the migration makes them from the
    /// same messages, one line per row.
    private func summedUpAgain(_ store: Store) throws
        -> (summaries: (kept: [String], rebuilt: [String]), labels: (kept: [String], rebuilt: [String])) {
        let summaries = """
            SELECT mailbox_id || '|' || team_id || '|' || thread_key || '|' || subject || '|' || message_count || '|'
                   || unread_count || '|' || last_at || '|' || in_all_mail
            FROM conversations ORDER BY mailbox_id, thread_key
            """
        let labels = """
            SELECT c.thread_key || '|' || l.mailbox_id || '|' || l.label || '|' || l.last_at
            FROM conversation_labels l JOIN conversations c ON c.id = l.conversation_id ORDER BY 1
            """
        func rows(_ sql: String) throws -> [String] { try store.connection.query(sql).map { try $0.string(0) } }
        let kept = (try rows(summaries), try rows(labels))
        try store.connection.executeScript("DELETE FROM conversation_labels; DELETE FROM conversations;")
        try store.connection.executeScript(Migrations.conversationsBackfill)
        let rebuilt = (try rows(summaries), try rows(labels))
        return ((kept.0, rebuilt.0), (kept.1, rebuilt.1))
    }
}
