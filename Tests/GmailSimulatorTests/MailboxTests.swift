import Foundation
import GmailSimulator
import Testing

@Suite("Maildir loading and the smaller routes")
struct MailboxTests {
    private func write(_ text: String, to path: URL) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: path)
    }

    @Test("a Maildir loads oldest first, folders becoming labels and flags becoming UNREAD/STARRED")
    func maildir() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sim-maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func message(_ subject: String, _ date: String) -> String {
            "From: ann@acme.com\nTo: dana@example.com\nSubject: \(subject)\nDate: \(date)\nMessage-ID: <\(subject)@x>\n\nbody\n"
        }
        try write(message("inbox-new", "Wed, 15 May 2024 10:00:00 +0000"), to: root.appendingPathComponent("new/1.host"))
        try write(message("inbox-seen", "Mon, 13 May 2024 10:00:00 +0000"), to: root.appendingPathComponent("cur/2.host:2,S"))
        try write(message("inbox-flagged", "Tue, 14 May 2024 10:00:00 +0000"), to: root.appendingPathComponent("cur/3.host:2,F"))
        try write(message("sent", "Sun, 12 May 2024 10:00:00 +0000"), to: root.appendingPathComponent(".Sent/cur/4.host:2,S"))
        try write(message("trash", "Sat, 11 May 2024 10:00:00 +0000"), to: root.appendingPathComponent(".Trash/cur/5.host:2,S"))
        try write(message("client", "Fri, 10 May 2024 10:00:00 +0000"), to: root.appendingPathComponent(".Clients.Acme/cur/6.host:2,S"))
        try write(message("archived", "Thu, 09 May 2024 10:00:00 +0000"), to: root.appendingPathComponent("Archive/cur/7.host:2,S"))

        let simulator = try GmailSimulator()
        let count = try simulator.load(maildir: root, into: "dana@example.com")
        #expect(count == 7)
        let messages = simulator.messages(in: "dana@example.com")
        let bySubject = Dictionary(uniqueKeysWithValues: messages.map {
            (String(decoding: $0.raw, as: UTF8.self).components(separatedBy: "Subject: ")[1]
                .components(separatedBy: "\r\n")[0], $0)
        })
        #expect(bySubject["inbox-new"]?.labelIds == ["INBOX", "UNREAD"])
        #expect(bySubject["inbox-seen"]?.labelIds == ["INBOX"])
        #expect(bySubject["inbox-flagged"]?.labelIds == ["INBOX", "UNREAD", "STARRED"])
        #expect(bySubject["sent"]?.labelIds == ["SENT"])
        #expect(bySubject["trash"]?.labelIds == ["TRASH"])
        #expect(bySubject["client"]?.labelIds == ["Label_1"])
        #expect(bySubject["archived"]?.labelIds == [])
        // Newest first by Date header; history ids grow with the dates (loaded oldest first).
        #expect(messages.first?.messageIDHeader == "inbox-new@x")
        #expect(messages.map { UInt64($0.historyId)! } == messages.map { UInt64($0.historyId)! }.sorted(by: >))
        #expect(bySubject["inbox-new"]?.internalDate == 1_715_767_200_000)

        let url = try simulator.start()
        defer { simulator.stop() }
        let token = simulator.issueAccessToken(for: "dana@example.com")
        let labels = try SimulatorHTTP(url).get("/gmail/v1/users/me/labels", token: token)
        #expect((labels.json["labels"] as? [[String: Any]])?.contains { $0["name"] as? String == "Clients/Acme" } == true)
        #expect(throws: (any Error).self) { try simulator.load(maildir: root.appendingPathComponent("missing"), into: "x@y") }
    }

    @Test("threads.get returns the thread's messages oldest first; labels.get counts them")
    func threadsAndLabelCounts() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let first = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let second = fixture.simulator.deliver(raw: Mail.plain(subject: "Re: Quote request", messageID: "<r@x>",
                                                               extra: "In-Reply-To: <quote-req@vendor.example>\r\n"),
                                               to: fixture.account)
        let thread = try fixture.get("/gmail/v1/users/me/threads/\(first)?format=minimal")
        #expect(thread.keyOrder == ["id", "historyId", "messages"])
        #expect((thread.json["messages"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [first, second])
        let inbox = try fixture.get("/gmail/v1/users/me/labels/INBOX")
        #expect(inbox.json["messagesTotal"] as? Int == 2)
        #expect(inbox.json["threadsUnread"] as? Int == 1)
        #expect(try fixture.get("/gmail/v1/users/me/labels/Label_99").status == 404)
    }

    @Test("untrash gives INBOX back; batchModify answers 204; SENT cannot be set by hand")
    func labelChanges() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let a = fixture.simulator.deliver(raw: Mail.plain(messageID: "<a@x>"), to: fixture.account)
        let b = fixture.simulator.deliver(raw: Mail.plain(messageID: "<b@x>"), to: fixture.account)
        _ = try fixture.post("/gmail/v1/users/me/messages/\(a)/trash", [String: String]())
        let back = try fixture.post("/gmail/v1/users/me/messages/\(a)/untrash", [String: String]())
        #expect(back.json["labelIds"] as? [String] == ["UNREAD", "INBOX"])
        let batch = try fixture.post("/gmail/v1/users/me/messages/batchModify",
                                     ["ids": [a, b], "removeLabelIds": ["UNREAD"], "addLabelIds": ["STARRED"]])
        #expect(batch.status == 204)
        #expect(batch.body.isEmpty)
        #expect(fixture.simulator.message(id: b, in: fixture.account)?.labelIds == ["INBOX", "STARRED"])
        let sent = try fixture.post("/gmail/v1/users/me/messages/\(a)/modify", ["addLabelIds": ["SENT"]])
        #expect(sent.status == 400)
        #expect(sent.reason == "invalidArgument")
        #expect(try fixture.post("/gmail/v1/users/me/messages/\(a)/modify", ["addLabelIds": ["Label_404"]]).status == 400)
        #expect(try fixture.post("/gmail/v1/users/me/messages/18f0000000000001/trash", [String: String]()).status == 404)
        let gone = try fixture.http.send("DELETE", "/gmail/v1/users/me/messages/\(b)",
                                         headers: [("Authorization", "Bearer \(fixture.token)")])
        #expect(gone.status == 403)  // permanent delete needs https://mail.google.com/
    }

    @Test("fields= trims the answer; prettyPrint=false makes it compact")
    func fieldsAndPrettyPrint() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let trimmed = try fixture.get("/gmail/v1/users/me/messages/\(id)?format=raw&fields=id,labelIds,internalDate,raw")
        #expect(trimmed.keyOrder == ["id", "labelIds", "internalDate", "raw"])
        let list = try fixture.get("/gmail/v1/users/me/messages?fields=nextPageToken,messages/id")
        #expect((list.json["messages"] as? [[String: String]])?.first == ["id": id])
        let compact = try fixture.get("/gmail/v1/users/me/profile?prettyPrint=false")
        #expect(!compact.text.contains("\n"))
        #expect(try fixture.get("/gmail/v1/users/me/profile").text.contains("\n  \"emailAddress\": "))
    }

    @Test("many clients at once: every send lands once and the history stays ordered")
    func parallelClients() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let start = fixture.historyId
        let group = DispatchGroup()
        for worker in 0..<6 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for index in 0..<10 {
                    let raw = Mail.plain(to: "sam@vendor.example", messageID: "<w\(worker)-\(index)@x>")
                    _ = try? fixture.post("/gmail/v1/users/me/messages/send", ["raw": Mail.base64url(raw)])
                    _ = try? fixture.get("/gmail/v1/users/me/messages?maxResults=5")
                }
            }
        }
        group.wait()
        #expect(fixture.simulator.sentMessages(for: fixture.account).count == 60)
        let history = try fixture.get("/gmail/v1/users/me/history?startHistoryId=\(start)&maxResults=500")
        let ids = (history.json["history"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String).flatMap(UInt64.init) }
        #expect(ids.count == 60)
        #expect(ids == ids.sorted())
    }

    @Test("continueAbove: ids and history ids handed out afterwards are larger than those given")
    func continuingAboveStoredIDs() throws {
        let simulator = try GmailSimulator()
        let first = simulator.deliver(raw: Mail.plain(), to: "dana@example.com")
        let earlier = try #require(UInt64(first, radix: 16))
        let stored = earlier + 0x10_0000
        let history = try #require(simulator.historyId(for: "dana@example.com").flatMap { UInt64($0) }) + 5_000
        simulator.continueAbove(messageID: String(stored, radix: 16), historyID: history)
        #expect(simulator.message(id: first, in: "dana@example.com") != nil)
        let next = simulator.deliver(raw: Mail.plain(subject: "Another", messageID: "<another@x>"), to: "dana@example.com")
        #expect(try #require(UInt64(next, radix: 16)) > stored)
        #expect(next.count == 16)
        #expect(simulator.message(id: next, in: "dana@example.com")?.threadId == next)
        #expect(try #require(UInt64(simulator.message(id: next, in: "dana@example.com")?.historyId ?? "")) > history)
        // Lower values change nothing: ids keep growing.
        simulator.continueAbove(messageID: "0000000000000001", historyID: 1)
        let last = simulator.deliver(raw: Mail.plain(subject: "Third", messageID: "<third@x>"), to: "dana@example.com")
        #expect(try #require(UInt64(last, radix: 16)) > UInt64(next, radix: 16)!)
    }
}
