import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct InsightsStoreTests {
    @Test func goingColdCountsEmailsCallsAndMeetingsButNotNotes() throws {
        let fixture = try StoreFixture()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        fixture.store.now = { now }
        let day: TimeInterval = 86400
        let quiet = try fixture.contact("Quiet", "quiet@client.example", by: fixture.ann)
        let recent = try fixture.contact("Recent", "recent@client.example", by: fixture.ann)
        let noted = try fixture.contact("Noted", "noted@client.example", by: fixture.ann)
        try fixture.contact("Never", "never@client.example", by: fixture.ann)
        try fixture.store.addActivity(contact: quiet.id, type: .call, summary: "c", at: now - 45 * day, by: fixture.ann)
        try fixture.store.addActivity(contact: recent.id, type: .meeting, summary: "m", at: now - 45 * day, by: fixture.ann)
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "r1", from: "recent@client.example",
                                                         to: ["ann@alpha.example"], subject: "hi", at: now - 2 * day))
        try fixture.store.addActivity(contact: noted.id, type: .meeting, summary: "m", at: now - 40 * day, by: fixture.ann)
        try fixture.store.addActivity(contact: noted.id, type: .note, summary: "n", at: now - 1 * day, by: fixture.ann)
        let cold = try fixture.store.coldContacts(in: fixture.ann.scope, days: 30)
        #expect(cold.map(\.contactID) == [noted.id, quiet.id])
        #expect(try fixture.store.coldContacts(in: fixture.ann.scope, days: 42).map(\.contactID) == [quiet.id])
        // A filter narrows the list as it narrows the contacts list: name, address or id.
        #expect(try fixture.store.coldContacts(in: fixture.ann.scope, days: 30, matching: "quie").map(\.contactID) == [quiet.id])
        #expect(try fixture.store.coldContacts(in: fixture.ann.scope, days: 30, matching: " NOTED@client ").map(\.contactID)
                == [noted.id])
        #expect(try fixture.store.coldContacts(in: fixture.ann.scope, days: 30, matching: String(noted.id)).map(\.contactID)
                .contains(noted.id))
        #expect(try fixture.store.coldContacts(in: fixture.ann.scope, days: 30, matching: "recent").isEmpty,
                "a match that is not going cold stays out")
        #expect(try fixture.store.coldContacts(in: fixture.ann.scope, days: 30, matching: "%").isEmpty, "LIKE wildcards are text")
    }

    @Test func contactInsightsComeFromTheTimeline() throws {
        let fixture = try StoreFixture()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        fixture.store.now = { now }
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "1", from: "carol@client.example",
                                                         to: ["ann@alpha.example"], subject: "q", at: now - 7200))
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "2", from: "ann@alpha.example",
                                                         to: ["carol@client.example"], subject: "a", at: now - 3600,
                                                         labels: ["SENT"]))
        let insights = try fixture.store.insights(contact: carol.id, in: fixture.ann.scope)
        #expect(insights.weeks.count == 12)
        #expect(insights.weeks.last?.incoming == 1 && insights.weeks.last?.outgoing == 1)
        #expect(insights.medianOurReply == 3600)
        #expect(insights.medianTheirReply == nil)
        #expect(insights.lastIncoming == now - 7200)
    }
}
