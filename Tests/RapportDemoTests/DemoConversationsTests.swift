import CRMCore
import Foundation
import MailFormat
import RapportTestSupport
import Testing
@testable import RapportDemo

/// The demo's mail reads like a real inbox: varied subjects (no sender repeats one within a day),
/// threads with replies, attachments, archived and labelled mail; and the same every time.
@Suite struct DemoConversationsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// The seeded demo team's mail, each message once (a copy in a teammate's mailbox counts once).
    struct Generated {
        let deliveries: [DemoConversations.Delivery]
        let messages: [(message: MailFormat.Message, delivery: DemoConversations.Delivery)]

        init() throws {
            let database = try TestDatabase("rapport-demo-mail")
            var seed = DemoSeed(store: database.store, ownLogin: "ann", sealingKey: .test)
            _ = try seed.run()
            let team = try database.store.mailboxes(in: .everyone).compactMap { mailbox in
                try database.store.user(id: mailbox.userID).map { DemoConversations.Member(name: $0.name, address: mailbox.email) }
            }
            let contacts = try database.store.contacts(in: .everyone, limit: 1_000).sorted { $0.id < $1.id }
            var conversations = DemoConversations(team: team, contacts: contacts, now: DemoConversationsTests.now)
            deliveries = conversations.deliveries()
            var seen: Set<String> = []
            messages = deliveries.compactMap { delivery in
                let message = MailFormat.Message(bytes: delivery.raw)
                guard let id = message.messageID, seen.insert(id).inserted else { return nil }
                return (message, delivery)
            }
        }
    }

    @Test func noSenderRepeatsASubjectWithinADay() throws {
        let generated = try Generated()
        var dates: [String: [Date]] = [:]
        for (message, delivery) in generated.messages {
            let sender = try #require(message.from.first?.address).lowercased()
            dates[sender + " | " + (message.subject ?? ""), default: []].append(delivery.date)
        }
        var repeats: [String] = []
        for (key, list) in dates {
            let sorted = list.sorted()
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.timeIntervalSince(earlier) < 86_400 {
                repeats.append(key)
            }
        }
        #expect(repeats.isEmpty, "the same sender and subject within a day: \(repeats.prefix(5))")
        #expect(generated.messages.count > 1_000)
    }

    @Test func subjectsVaryThreadsHaveRepliesAndFilesAreAttached() throws {
        let generated = try Generated()
        // Every sender of several messages to a mailbox varies its subjects (replies aside, which keep
        // their thread's).
        var subjects: [String: [String]] = [:]
        for (message, delivery) in generated.messages where message.inReplyTo.isEmpty {
            subjects[(message.from.first?.address ?? "") + " to " + delivery.mailbox, default: []].append(message.subject ?? "")
        }
        for (sender, list) in subjects where list.count >= 5 {
            #expect(Set(list).count * 2 >= list.count, "\(sender) repeats its subjects: \(Set(list).count) of \(list.count)")
        }
        // Conversations: threads of several messages whose replies thread and quote.
        var threadSizes: [String: Int] = [:]
        for (message, _) in generated.messages {
            threadSizes[message.references.first ?? message.messageID ?? "", default: 0] += 1
        }
        #expect(threadSizes.values.filter { $0 >= 4 }.count >= 20)
        let replies = generated.messages.filter { !$0.message.inReplyTo.isEmpty }
        #expect(replies.count >= 300)
        #expect(replies.allSatisfy { $0.message.subject?.hasPrefix("Re: ") == true && $0.message.text?.contains(" wrote:\r\n> ") == true })
        // Attachments of several kinds, real PDFs among them, some with names that are not ASCII.
        let files = generated.messages.flatMap { $0.message.bodyStructure.attachments }
        #expect(files.count >= 40)
        #expect(Set(files.map(\.contentType.mimeType)).isSuperset(of: ["application/pdf", "text/csv", "text/plain"]))
        let pdf = try #require(files.first { $0.contentType.mimeType == "application/pdf" }?.decodedBody)
        #expect(pdf.starts(with: Array("%PDF-1.4".utf8)) && String(decoding: pdf.suffix(6), as: UTF8.self) == "%%EOF\n")
        #expect(files.contains { $0.filename?.unicodeScalars.contains { !$0.isASCII } == true })
        // Mailboxes look lived in: unread, archived and labelled mail.
        let labels = generated.deliveries.map(\.labels)
        #expect(labels.contains { $0.contains("UNREAD") })
        #expect(labels.contains { !$0.contains("INBOX") && !$0.contains("SENT") })
        #expect(labels.contains { $0.contains("Newsletters") } && labels.contains { $0.contains("Travel") })
        #expect(generated.deliveries.allSatisfy { $0.date < Self.now })
    }

    @Test func theSameTeamGivesTheSameMail() throws {
        func summary(_ generated: Generated) -> [String] {
            generated.deliveries.map { delivery in
                let message = MailFormat.Message(bytes: delivery.raw)
                return "\(delivery.mailbox) \(message.messageID ?? "") \(message.subject ?? "") \(delivery.date) \(delivery.labels)"
            }
        }
        #expect(summary(try Generated()) == summary(try Generated()))
    }
}
