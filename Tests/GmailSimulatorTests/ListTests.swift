import Foundation
import GmailSimulator
import Testing

@Suite("messages.list: order, labels, q subset, pages")
struct ListTests {
    /// A mailbox of seven messages with known dates, labels and addresses.
    private struct Mailbox {
        let fixture: Fixture
        var ids: [String: String] = [:]

        init() throws {
            fixture = try Fixture()
            fixture.simulator.addLabel(name: "Customers/Acme", to: fixture.account)
            func utc(_ day: Int, _ hour: Int = 12) -> Date {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(secondsFromGMT: 0)!
                return calendar.date(from: DateComponents(year: 2024, month: 5, day: day, hour: hour))!
            }
            let rows: [(String, String, String, String, [String], Date)] = [
                ("m1", "Ann <ann@acme.com>", "dana@example.com", "Pricing for Q3", ["INBOX", "UNREAD"], utc(10)),
                ("m2", "dana@example.com", "bob@beta.io", "Proposal", ["SENT"], utc(12, 5)),
                ("m3", "zed@spam.example", "dana@example.com", "Win", ["SPAM"], utc(13)),
                ("m4", "ann@acme.com", "dana@example.com", "Old thing", ["TRASH"], utc(14)),
                ("m5", "chat@example.com", "dana@example.com", "Chat", ["CHAT"], utc(15)),
                ("m6", "Lee <lee@gamma.org>", "dana@example.com", "Renewal", ["INBOX", "Label_1"], utc(16)),
                ("m7", "ann@acme.com", "dana@example.com", "Today", ["INBOX"], Date().addingTimeInterval(-3600)),
            ]
            for (name, from, to, subject, labels, date) in rows {
                let cc = name == "m2" ? "Cc: Carl <carl@acme.com>\r\n" : ""
                ids[name] = fixture.simulator.deliver(
                    raw: Mail.plain(from: from, to: to, subject: subject, messageID: "<\(name)@acme.com>", extra: cc),
                    to: fixture.account, labelIds: labels, internalDate: date)
            }
        }

        /// The names of the messages a list call returns, in order.
        func list(_ query: String) throws -> [String] {
            let response = try fixture.get("/gmail/v1/users/me/messages?" + query)
            #expect(response.status == 200, "\(query): \(response.text)")
            let byID = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
            return (response.json["messages"] as? [[String: String]] ?? []).map { byID[$0["id"]!] ?? "?" }
        }

        func q(_ text: String) throws -> [String] {
            try list("q=" + text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        }
    }

    @Test("newest first; SPAM and TRASH left out unless asked for")
    func defaults() throws {
        let box = try Mailbox()
        defer { box.fixture.stop() }
        #expect(try box.list("") == ["m7", "m6", "m5", "m2", "m1"])
        #expect(try box.list("includeSpamTrash=true") == ["m7", "m6", "m5", "m4", "m3", "m2", "m1"])
        #expect(try box.list("labelIds=INBOX&labelIds=UNREAD") == ["m1"])
        #expect(try box.list("labelIds=SPAM") == [])
        #expect(try box.list("labelIds=SPAM&includeSpamTrash=true") == ["m3"])
    }

    @Test("places, flags and labels")
    func places() throws {
        let box = try Mailbox()
        defer { box.fixture.stop() }
        #expect(try box.q("-in:chats") == ["m7", "m6", "m2", "m1"])
        #expect(try box.q("in:sent") == ["m2"])
        #expect(try box.q("in:inbox") == ["m7", "m6", "m1"])
        #expect(try box.q("in:trash") == ["m4"])
        #expect(try box.q("in:spam") == ["m3"])
        #expect(try box.q("in:anywhere") == ["m7", "m6", "m5", "m4", "m3", "m2", "m1"])
        #expect(try box.q("is:unread") == ["m1"])
        #expect(try box.q("label:customers-acme") == ["m6"])
        #expect(try box.q("label:Customers/Acme") == ["m6"])
    }

    @Test("addresses, Message-ID and text")
    func fields() throws {
        let box = try Mailbox()
        defer { box.fixture.stop() }
        #expect(try box.q("from:acme.com") == ["m7", "m1"])
        #expect(try box.q("from:ann@acme.com in:anywhere") == ["m7", "m4", "m1"])
        #expect(try box.q("to:bob@beta.io") == ["m2"])
        #expect(try box.q("cc:acme.com") == ["m2"])
        #expect(try box.q("from:me") == ["m2"])
        #expect(try box.q("rfc822msgid:<m1@acme.com>") == ["m1"])
        #expect(try box.q("rfc822msgid:m2@acme.com in:sent") == ["m2"])
        #expect(try box.q("pricing") == ["m1"])
        #expect(try box.q("subject:renewal") == ["m6"])
    }

    @Test("dates: epoch seconds, YYYY/MM/DD at Pacific midnight, newer_than and older_than")
    func dates() throws {
        let box = try Mailbox()
        defer { box.fixture.stop() }
        // 2024-05-12T00:00Z and 2024-05-16T00:00Z.
        #expect(try box.q("after:1715472000 before:1715817600") == ["m5", "m2"])
        // 2024/05/12 is 07:00Z (PDT): m2, at 05:00Z, is before it.
        #expect(try box.q("after:2024/05/12 before:2024/05/16") == ["m5"])
        #expect(try box.q("before:2024/05/11") == ["m1"])
        #expect(try box.q("newer_than:1d") == ["m7"])
        #expect(try box.q("older_than:1d -in:chats") == ["m6", "m2", "m1"])
    }

    @Test("OR, groups, braces and negation")
    func logic() throws {
        let box = try Mailbox()
        defer { box.fixture.stop() }
        #expect(try box.q("from:ann@acme.com OR to:bob@beta.io") == ["m7", "m2", "m1"])
        #expect(try box.q("(from:ann OR from:lee) -label:customers-acme") == ["m7", "m1"])
        #expect(try box.q("{from:lee to:bob} -in:sent") == ["m6"])
        #expect(try box.q("in:inbox -is:unread") == ["m7", "m6"])
        #expect(try box.q("-(in:inbox OR in:sent)") == ["m5"])
        #expect(try box.q("from:(nobody)") == [])
    }

    @Test("pages carry an opaque token until the last; an empty result is only {resultSizeEstimate: 0}")
    func pages() throws {
        let box = try Mailbox()
        defer { box.fixture.stop() }
        var names: [String] = []
        var token: String?
        var calls = 0
        repeat {
            let response = try box.fixture.get("/gmail/v1/users/me/messages?maxResults=2&includeSpamTrash=true"
                + (token.map { "&pageToken=\($0)" } ?? ""))
            #expect(response.json["resultSizeEstimate"] as? Int == 7)
            token = response.json["nextPageToken"] as? String
            if token != nil { #expect(response.keyOrder == ["messages", "nextPageToken", "resultSizeEstimate"]) }
            let byID = Dictionary(uniqueKeysWithValues: box.ids.map { ($1, $0) })
            names += (response.json["messages"] as? [[String: String]] ?? []).map { byID[$0["id"]!]! }
            calls += 1
        } while token != nil && calls < 10
        #expect(calls == 4)
        #expect(names == ["m7", "m6", "m5", "m4", "m3", "m2", "m1"])

        let empty = try box.fixture.get("/gmail/v1/users/me/messages?q=from%3Anobody")
        #expect(empty.keyOrder == ["resultSizeEstimate"])
        #expect(empty.json["resultSizeEstimate"] as? Int == 0)
        #expect(try box.fixture.get("/gmail/v1/users/me/messages?pageToken=garbage!").status == 400)
        #expect(try box.fixture.get("/gmail/v1/users/me/messages?maxResults=lots").status == 400)
    }
}
