import Foundation
import GmailSimulator
import Testing

@Suite("messages.send: forms, threading and limits")
struct SendTests {
    private let send = "/gmail/v1/users/me/messages/send"

    private func reply(to parent: String = "<quote-req@vendor.example>", subject: String = "Re: Quote request",
                       messageID: String = "<reply-1@example.com>") -> [UInt8] {
        Mail.plain(from: "Dana Lee <dana@example.com>", to: "Sam Carter <sam@vendor.example>", subject: subject,
                   messageID: messageID, extra: "In-Reply-To: \(parent)\r\nReferences: \(parent)\r\n",
                   body: "Here it is.\r\n")
    }

    @Test("raw is accepted in both alphabets, with and without padding; the answer is {id, threadId, labelIds: [SENT]}")
    func jsonForm() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        // Bytes chosen so that standard base64 holds "+" and "/".
        let raw = Mail.plain(to: "sam@vendor.example", subject: "Prices ~~~ >>> ???", messageID: "<a@x>",
                             body: "\u{FB}\u{FF}\u{FE}>>>???\r\n")
        let standard = Data(raw).base64EncodedString()
        #expect(standard.contains("+") || standard.contains("/"))
        var ids: [String] = []
        for text in [standard, Mail.base64url(raw), Mail.base64url(raw, padded: false),
                     standard.replacingOccurrences(of: "=", with: "")] {
            let response = try fixture.post(send, ["raw": text])
            #expect(response.status == 200)
            #expect(response.keyOrder == ["id", "threadId", "labelIds"])
            #expect(response.json["labelIds"] as? [String] == ["SENT"])
            let id = try #require(response.json["id"] as? String)
            #expect(response.json["threadId"] as? String == id)
            #expect(id.count == 16 && id.allSatisfy(\.isHexDigit))
            ids.append(id)
        }
        #expect(Set(ids).count == 4)
        #expect(fixture.simulator.sentMessages(for: fixture.account) == Array(repeating: raw, count: 4))
        let stored = try #require(fixture.simulator.message(id: ids[0], in: fixture.account))
        #expect(stored.raw == raw)
    }

    @Test("no recipient is 400 invalidArgument; missing or broken raw is 400")
    func refusals() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let noRecipient = Array("From: dana@example.com\r\nSubject: hi\r\n\r\nbody\r\n".utf8)
        let response = try fixture.post(send, ["raw": Mail.base64url(noRecipient)])
        #expect(response.status == 400)
        #expect(response.reason == "invalidArgument")
        #expect(response.errorMessage == "Recipient address required")
        #expect(try fixture.post(send, [String: String]()).status == 400)
        #expect(try fixture.post(send, ["raw": "%%%not base64%%%"]).status == 400)
        #expect(fixture.simulator.sentMessages(for: fixture.account).isEmpty)
    }

    @Test("a missing Message-ID, Date and From are filled in, and search by rfc822msgid finds the stored id")
    func completesHeaders() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let bare = Array("To: sam@vendor.example\r\nSubject: hi\r\n\r\nbody\r\n".utf8)
        let sent = try fixture.post(send, ["raw": Mail.base64url(bare)])
        let id = try #require(sent.json["id"] as? String)
        let metadata = try fixture.get("/gmail/v1/users/me/messages/\(id)?format=metadata&metadataHeaders=Message-ID&metadataHeaders=from")
        let headers = (metadata.json["payload"] as? [String: Any])?["headers"] as? [[String: String]] ?? []
        #expect(headers.map { $0["name"] } == ["Message-ID", "From"])
        let messageID = try #require(headers.first?["value"])
        #expect(headers.last?["value"] == "dana@example.com")
        let search = "rfc822msgid:\(messageID) in:sent".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let found = try fixture.get("/gmail/v1/users/me/messages?q=\(search)")
        #expect((found.json["messages"] as? [[String: String]])?.map { $0["id"] } == [id])
    }

    @Test("uploadType=media takes the message bytes; uploadType=multipart takes JSON metadata and message/rfc822")
    func uploadForms() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let original = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let media = try fixture.http.send("POST", "/upload/gmail/v1/users/me/messages/send?uploadType=media",
                                          headers: [("Authorization", "Bearer \(fixture.token)"),
                                                    ("Content-Type", "message/rfc822")],
                                          body: reply(messageID: "<media@x>"))
        #expect(media.status == 200)
        #expect(media.json["labelIds"] as? [String] == ["SENT"])
        // No threadId can be passed this way: a new thread.
        #expect(media.json["threadId"] as? String == media.json["id"] as? String)

        let boundary = "upload_7e1f"
        var body = Array("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"threadId\":\"\(original)\"}\r\n--\(boundary)\r\nContent-Type: message/rfc822\r\n\r\n".utf8)
        let message = reply(messageID: "<multipart@x>")
        body += message
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        let multipart = try fixture.http.send("POST", "/upload/gmail/v1/users/me/messages/send?uploadType=multipart",
                                              headers: [("Authorization", "Bearer \(fixture.token)"),
                                                        ("Content-Type", "multipart/related; boundary=\(boundary)")],
                                              body: body)
        #expect(multipart.status == 200)
        #expect(multipart.json["threadId"] as? String == original)
        #expect(fixture.simulator.sentMessages(for: fixture.account).last == message)

        let none = try fixture.http.send("POST", "/upload/gmail/v1/users/me/messages/send",
                                         headers: [("Authorization", "Bearer \(fixture.token)")], body: message)
        #expect(none.status == 400)
    }

    @Test("a reply joins the thread only with threadId, a matching In-Reply-To/References and the same subject")
    func threadingRule() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let parent = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        func thread(_ raw: [UInt8], threadId: String?) throws -> String? {
            var json: [String: Any] = ["raw": Mail.base64url(raw)]
            if let threadId { json["threadId"] = threadId }
            return try fixture.post(send, json).json["threadId"] as? String
        }
        #expect(try thread(reply(messageID: "<r1@x>"), threadId: parent) == parent)
        #expect(try thread(reply(subject: "Fwd: RE: quote  request", messageID: "<r2@x>"), threadId: parent) == parent)
        // Each missing condition starts a new thread, silently.
        #expect(try thread(reply(messageID: "<r3@x>"), threadId: nil) != parent)
        #expect(try thread(reply(subject: "Re: Something else", messageID: "<r4@x>"), threadId: parent) != parent)
        #expect(try thread(reply(to: "<unrelated@x>", messageID: "<r5@x>"), threadId: parent) != parent)
        #expect(try thread(reply(messageID: "<r6@x>"), threadId: "18f0000000000000") != parent)

        // Received mail threads the same way, without a threadId.
        let answer = fixture.simulator.deliver(raw: Mail.plain(subject: "RE: Quote request", messageID: "<in-2@x>",
                                                               extra: "References: <r1@x>\r\n"), to: fixture.account)
        #expect(fixture.simulator.message(id: answer, in: fixture.account)?.threadId == parent)
        let stranger = fixture.simulator.deliver(raw: Mail.plain(subject: "Quote request", messageID: "<in-3@x>"),
                                                 to: fixture.account)
        #expect(fixture.simulator.message(id: stranger, in: fixture.account)?.threadId == stranger)
    }

    @Test("past the daily recipient limit, send answers 429 'User-rate limit exceeded.  Retry after <ts>'")
    func recipientLimit() throws {
        var configuration = Fixture.unlimited
        configuration.dailyRecipientLimit = 3
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let two = Mail.plain(to: "a@x.example, b@x.example", messageID: "<two@x>")
        #expect(try fixture.post(send, ["raw": Mail.base64url(two)]).status == 200)
        let before = Date()
        let over = try fixture.post(send, ["raw": Mail.base64url(two)])
        #expect(over.status == 429)
        #expect(over.reason == "rateLimitExceeded")
        let message = try #require(over.errorMessage)
        #expect(message.hasPrefix("User-rate limit exceeded.  Retry after "))
        let stamp = String(message.dropFirst("User-rate limit exceeded.  Retry after ".count))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let until = try #require(formatter.date(from: stamp))
        #expect(abs(until.timeIntervalSince(before) - 86400) < 5)
        // One more recipient still fits.
        let one = Mail.plain(to: "c@x.example", messageID: "<one@x>")
        #expect(try fixture.post(send, ["raw": Mail.base64url(one)]).status == 200)
        #expect(fixture.simulator.sentMessages(for: fixture.account).count == 2)
    }

    @Test("mail to another simulated account lands in its INBOX without Bcc; mail to oneself gains INBOX later")
    func localDelivery() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        fixture.simulator.addAccount(email: "lee@example.com")
        let raw = Mail.plain(from: "dana@example.com", to: "Lee <LEE@example.com>", messageID: "<local@x>",
                             extra: "Bcc: dana@example.com\r\n")
        let start = fixture.historyId
        let sent = try fixture.post(send, ["raw": Mail.base64url(raw)])
        #expect(sent.json["labelIds"] as? [String] == ["SENT"])
        let received = try #require(fixture.simulator.messages(in: "lee@example.com").first)
        #expect(received.labelIds == ["INBOX", "UNREAD"])
        #expect(!String(decoding: received.raw, as: UTF8.self).contains("Bcc:"))
        let own = try #require(fixture.simulator.message(id: sent.json["id"] as! String, in: fixture.account))
        #expect(own.labelIds == ["SENT", "INBOX", "UNREAD"])
        #expect(String(decoding: own.raw, as: UTF8.self).contains("Bcc: dana@example.com"))
        let records = try fixture.get("/gmail/v1/users/me/history?startHistoryId=\(start)").json["history"] as? [[String: Any]]
        #expect(records?.count == 2)
        #expect(records?.last?["labelsAdded"] != nil)
    }
}
