import CRMCore
import CRMStore
import Foundation
import RapportTestSupport
import Testing

@Suite struct CLIFollowupTests {
    /// A home where ann sent carol an email five days ago (through the store, with its clock set back).
    static func homeWithSentMail() throws -> (CLIHome, email: Int64, carol: Int64) {
        let home = try CLIHome.withTwoTeams()
        let store = try Store(path: home.database.path)
        let ann = try #require(try store.user(login: "ann"))
        let carol = try store.addContact(name: "Carol Client", emails: [EmailAddress("carol@client.example")!], by: ann)
        store.now = { Date().addingTimeInterval(-5 * 86_400) }
        let draft = try store.compose(ComposeRequest(from: EmailAddress("ann@alpha.example")!,
                                                     to: [EmailAddress("carol@client.example")!], subject: "Proposal",
                                                     bodyText: "Here it is"), by: ann)
        try store.apply(.queue, to: draft.id, by: ann, Store.OutboxUpdate(sealingKey: .test))
        try store.apply(.claim, to: draft.id, by: ann)
        try store.apply(.markSent, to: draft.id, by: ann, Store.OutboxUpdate(gmailID: "g1", threadID: "t1"))
        return (home, draft.id, carol.id)
    }

    func items(_ home: CLIHome, _ extra: [String] = [], as login: String = "ann") throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["followups", "--json"] + extra, as: login).utf8))
                     as? [[String: Any]])
    }

    @Test func followupsJSONHasTheContractShapeAndDueOnesFirst() throws {
        let (home, email, carol) = try Self.homeWithSentMail()
        try home.ok(["remind", String(carol), "--at", "2d", "--note", "send the contract"], as: "ann")
        let list = try items(home)
        #expect(list.count == 2)
        let first = list[0]
        for key in ["kind", "outgoing_email_id", "contact_id", "to", "subject", "sent_at", "due_at", "days_waiting", "note"] {
            #expect(first.keys.contains(key), "followups --json has \(key)")
        }
        #expect(first["kind"] as? String == "awaiting_reply" && first["outgoing_email_id"] as? Int == Int(email))
        #expect(first["contact_id"] as? Int == Int(carol) && first["to"] as? [String] == ["carol@client.example"])
        #expect(first["days_waiting"] as? Int == 5 && first["note"] is NSNull && first["subject"] as? String == "Proposal")
        let sentAt = try #require((first["sent_at"] as? String).flatMap { ISODate.parse($0) })
        let dueAt = try #require((first["due_at"] as? String).flatMap { ISODate.parse($0) })
        #expect(dueAt.timeIntervalSince(sentAt) == 3 * 86_400)
        let reminder = list[1]
        #expect(reminder["kind"] as? String == "reminder" && reminder["note"] as? String == "send the contract")
        #expect(reminder["outgoing_email_id"] is NSNull && reminder["sent_at"] is NSNull)
        // --days beyond the wait leaves the email out; bob's team sees nothing.
        #expect(try items(home, ["--days", "6"]).map { $0["kind"] as? String } == ["reminder"])
        #expect(try items(home, as: "bob").isEmpty)
        #expect(try home.ok(["followups"], as: "bob").contains("Nothing to follow up"))
        #expect(try home.ok(["followups"], as: "ann").contains("email:\(email)"))
    }

    @Test func theDaysComeFromConfigUnlessGiven() throws {
        let (home, _, _) = try Self.homeWithSentMail()
        try "[followups]\ndays = 7\n".write(to: home.folder.appendingPathComponent("config.ini"), atomically: true, encoding: .utf8)
        #expect(try items(home).isEmpty)
        #expect(try items(home, ["--days", "2"]).count == 1)
        try "[followups]\ndays = 0\n".write(to: home.folder.appendingPathComponent("config.ini"), atomically: true, encoding: .utf8)
        try home.run(["followups"], as: "ann").expectOneLine(["[followups] days = 0", "1 to 365"], status: 1)
    }

    @Test func doneAndSnoozeFromTheCommandLine() throws {
        let (home, email, carol) = try Self.homeWithSentMail()
        #expect(try home.ok(["followups", "snooze", "email:\(email)", "--until", "3d"], as: "ann").contains("Snoozed email:\(email)"))
        let snoozed = try #require(try items(home).first)
        let due = try #require((snoozed["due_at"] as? String).flatMap { ISODate.parse($0) })
        #expect(abs(due.timeIntervalSinceNow - 3 * 86_400) < 120)
        // Another team cannot mark it.
        try home.run(["followups", "done", String(email)], as: "bob").expectOneLine(["no sent email \(email)"], status: 1)
        try home.ok(["followups", "done", String(email)], as: "ann")
        #expect(try items(home).isEmpty)

        let reminder = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(
            ["remind", String(carol), "--at", "tomorrow", "--note", "call back", "--json"], as: "ann").utf8)) as? [String: Any])
        let id = try #require(reminder["id"] as? String)
        #expect(id.hasPrefix("reminder:"))
        try home.ok(["followups", "done", id], as: "ann")
        let timeline = try home.ok(["timeline", String(carol)], as: "ann")
        #expect(timeline.contains("Reminder done: call back"))
        try home.run(["followups", "done", id], as: "ann").expectOneLine(["no open reminder"], status: 1)
    }

    @Test func aReminderOnASentEmail() throws {
        let (home, email, carol) = try Self.homeWithSentMail()
        let reminder = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(
            ["remind", "--email", String(email), "--at", "2030-12-31T09:00:00Z", "--json"], as: "ann").utf8)) as? [String: Any])
        #expect(reminder["contact_id"] as? Int == Int(carol) && reminder["outgoing_email_id"] as? Int == Int(email))
        #expect(reminder["due_at"] as? String == "2030-12-31T09:00:00Z")
        try home.ok(["compose", "--to", "stranger@nowhere.example", "--subject", "Hi", "--body", "b", "--no-signature"],
                    as: "ann")
        let draft = try home.sqlite("SELECT max(id) FROM outgoing_emails")
        try home.sqlite("UPDATE outgoing_emails SET status = 'sent' WHERE id = \(draft)")
        try home.run(["remind", "--email", draft, "--at", "3d"], as: "ann")
            .expectOneLine(["to nobody who is a contact", "rapport remind CONTACT_ID --email \(draft)"], status: 1)
        #expect(try home.ok(["remind", String(carol), "--email", draft, "--at", "3d"], as: "ann").contains("on contact \(carol)"))
    }

    @Test func badInputIsRefusedClearly() throws {
        let (home, _, carol) = try Self.homeWithSentMail()
        try home.run(["followups", "--days", "0"], as: "ann").expectOneLine(["--days", "1 to 365"], status: 2)
        try home.run(["remind", String(carol), "--at", "whenever"], as: "ann").expectOneLine(["--at", "not a time"], status: 2)
        try home.run(["remind", String(carol), "--at", "2020-01-01"], as: "ann").expectOneLine(["has passed"], status: 2)
        try home.run(["remind", "--at", "3d"], as: "ann").expectOneLine(["CONTACT_ID or --email"], status: 2)
        try home.run(["remind", String(carol)], as: "ann").expectOneLine(["--at"], status: 2)
        try home.run(["remind", "999", "--at", "3d"], as: "ann").expectOneLine(["no contact 999"], status: 1)
        try home.run(["remind", String(carol), "--at", "3d"], as: "bob").expectOneLine(["no contact \(carol)"], status: 1)
        try home.run(["followups", "done", "deal:3"], as: "ann").expectOneLine(["not a follow-up"], status: 2)
        try home.run(["followups", "snooze", "reminder:1"], as: "ann").expectOneLine(["--until"], status: 2)
        try home.run(["followups", "snooze", "reminder:99", "--until", "1d"], as: "ann")
            .expectOneLine(["no open reminder 99"], status: 1)
    }
}
