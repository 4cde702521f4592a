import CRMCore
import Foundation
import Testing
@testable import CRMStore

/// The query language against a real store: each operator, negation, OR, phrases, scripts without
/// spaces, folding, newest first, one hit per email, snippets of text.
@Suite struct SearchOperatorTests {
    private static let utc = TimeZone(identifier: "UTC")!
    private static let now = day(2026, 3, 25)

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
        SearchDay(year: year, month: month, day: day).start(in: utc)!.addingTimeInterval(12 * 3600)
    }

    /// Five emails in Alpha's mailboxes and the contact Carol; returns the fixture.
    private static func mailbox() throws -> (StoreFixture, Contact) {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol Vance", "carol@client.example", by: fixture.ann)
        let store = fixture.store
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "Kestrel pricing",
                                                 at: day(2026, 1, 10), labels: ["INBOX", "UNREAD"]))
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m2", from: "dave@other.example",
                                                 to: ["ann@alpha.example"], subject: "Quarterly plan",
                                                 at: day(2026, 2, 10), labels: ["INBOX", "Label_Clients"]))
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m3", from: "ann@alpha.example",
                                                 to: ["carol@client.example"], subject: "Kestrel follow up",
                                                 at: day(2026, 3, 10), labels: ["SENT"]))
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m4", from: "eve@junk.example",
                                                 to: ["ann@alpha.example"], subject: "Kestrel giveaway",
                                                 at: day(2026, 3, 20), labels: ["TRASH"]))
        try store.recordIncoming(fixture.message(in: fixture.alMailbox, id: "m5", from: "martin@sur.example",
                                                 to: ["al@alpha.example"], subject: "Martín: サクラの花が咲いた",
                                                 at: day(2026, 3, 1), labels: ["INBOX"]))
        try store.db.execute("UPDATE incoming_emails SET attachment_count = 2 WHERE gmail_id = 'm1'")
        try store.db.execute("UPDATE incoming_emails SET cc_addrs = '[\"zed@cc.example\"]' WHERE gmail_id = 'm2'")
        return (fixture, carol)
    }

    private static let pricing = "Kestrel pricing", plan = "Quarterly plan", followUp = "Kestrel follow up",
                        giveaway = "Kestrel giveaway", martin = "Martín: サクラの花が咲いた", carol = "Carol Vance"

    static let cases: [(String, [String])] = [
        ("kestrel", [followUp, pricing]),
        ("kestrel OR quarterly", [followUp, plan, pricing]),
        ("(kestrel OR quarterly) -pricing", [followUp, plan]),
        ("kestrel -pricing", [followUp]),
        ("-kestrel", [martin, plan, carol]),
        ("\"kestrel pricing\"", [pricing]),
        ("\"pricing kestrel\"", []),
        ("-\"kestrel pricing\" kestrel", [followUp]),
        ("from:carol", [pricing]),
        ("from:CLIENT.example", [pricing]),
        ("from:ann@alpha", [followUp]),
        ("-from:carol kestrel", [followUp]),
        ("to:ann@alpha.example", [plan, pricing]),
        ("cc:zed", [plan]),
        ("subject:quarterly", [plan]),
        ("subject:body", []),
        ("body:quarterly", [plan]),
        ("before:2026-02-01", [pricing]),
        ("after:2026-03-01", [followUp, martin]),
        ("after:2026-02-01 before:2026-03-01", [plan]),
        ("newer_than:30d", [followUp, martin]),
        ("older_than:30d", [plan, pricing]),
        ("has:attachment", [pricing]),
        ("-has:attachment", [followUp, martin, plan, carol]),
        ("is:unread", [pricing]),
        ("is:read", [followUp, martin, plan]),
        ("is:sent", [followUp]),
        ("in:sent", [followUp]),
        ("is:received", [martin, plan, pricing]),
        ("in:inbox", [martin, plan, pricing]),
        ("in:trash", [giveaway]),
        ("in:label_clients", [plan]),
        ("by:al", [martin]),
        ("by:ann kestrel", [followUp, pricing]),
        ("martin", [martin]),
        ("MARTÍN", [martin]),
        ("サクラ", [martin]),
        ("花", [martin]),
        ("subject:咲いた", [martin]),
        ("foo:bar", []),
        ("kestrel OR from:dave", [followUp, plan, pricing]),
    ]

    @Test(arguments: cases)
    func operatorsFindWhatTheySay(query: String, titles: [String]) throws {
        let (fixture, _) = try Self.mailbox()
        let hits = try fixture.store.search(query, in: fixture.ann.scope, now: Self.now, zone: Self.utc)
        #expect(hits.map(\.title) == titles, "\(query)")
    }

    @Test func contactFindsTheContactAndItsMailByIDOrAddress() throws {
        let (fixture, carol) = try Self.mailbox()
        for query in ["contact:\(carol.id)", "contact:Carol@Client.example"] {
            let titles = try fixture.store.search(query, in: fixture.ann.scope).map(\.title)
            #expect(titles.contains(Self.pricing) && titles.contains(Self.carol) && !titles.contains(Self.plan), "\(query)")
        }
    }

    @Test func newestFirstUnlessRelevanceIsAsked() throws {
        let (fixture, _) = try Self.mailbox()
        let store = fixture.store
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m6", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "Kestrel kestrel kestrel",
                                                 at: Self.day(2025, 6, 1)))
        let newest = try store.search("kestrel", in: fixture.ann.scope)
        #expect(newest.compactMap(\.occurredAt) == newest.compactMap(\.occurredAt).sorted(by: >))
        #expect(newest.last?.title == "Kestrel kestrel kestrel")
        let best = try store.search("kestrel", in: fixture.ann.scope, order: .relevance)
        #expect(best.first?.title == "Kestrel kestrel kestrel")
        #expect(Set(best.map(\.id)) == Set(newest.map(\.id)))
    }

    @Test func oneHitPerEmailAcrossMailboxes() throws {
        let fixture = try StoreFixture()
        for mailbox in [fixture.annMailbox, fixture.alMailbox] {
            try fixture.store.recordIncoming(fixture.message(in: mailbox, id: "g\(mailbox.id)", from: "carol@client.example",
                                                             to: ["ann@alpha.example", "al@alpha.example"],
                                                             subject: "Walrus terms", messageID: "same@client.example"))
        }
        #expect(try fixture.store.search("walrus", in: fixture.ann.scope).count == 1)
        #expect(try fixture.store.db.query("SELECT id FROM incoming_emails").count == 2)
    }

    @Test func oneHitForASentEmailAndItsGmailCopy() throws {
        let fixture = try StoreFixture()
        let draft = try fixture.draft(by: fixture.ann, subject: "Walrus offer")
        try fixture.store.db.execute("UPDATE outgoing_emails SET status = 'sent', message_id = 'walrus@alpha.example' WHERE id = ?",
                                     draft.id)
        #expect(try fixture.store.search("walrus", in: fixture.ann.scope).map(\.kind) == [.outgoingEmail])
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "copy", from: "ann@alpha.example",
                                                         to: ["carol@client.example"], subject: "Walrus offer",
                                                         messageID: "walrus@alpha.example", labels: ["SENT"]))
        #expect(try fixture.store.search("walrus", in: fixture.ann.scope).count == 1)
    }

    @Test func hitsSayWhoseAndSnippetsAreTextOnOneLine() throws {
        let (fixture, carol) = try Self.mailbox()
        try fixture.store.db.execute("UPDATE search_index SET body = ? WHERE rowid & 2147483647 = (SELECT id * 4 + 2 FROM incoming_emails WHERE gmail_id = 'm1')",
                                     "Hello Ann,\n\nthe kestrel\tprice list is attached.")
        let hit = try #require(try fixture.store.search("kestrel price", in: fixture.ann.scope).first)
        #expect(hit.contactID == carol.id && hit.contactName == "Carol Vance" && hit.account == "ann@alpha.example")
        #expect(hit.snippet.contains("kestrel price list") && !hit.snippet.contains("\n") && !hit.snippet.contains("["))
        for hit in try fixture.store.search("from:a", in: fixture.ann.scope) {
            #expect(!hit.snippet.hasPrefix("[") && !hit.snippet.contains("@"), "\(hit.snippet)")
        }
    }
}
