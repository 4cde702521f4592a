import Foundation
import Testing
@testable import GmailAPI

/// Quota prices and the per-call report.
struct QuotaCostTableTests {
    @Test func legacyAndNewPrices() {
        #expect(QuotaCostTable.legacy.cost(of: .messagesGet) == 5)
        #expect(QuotaCostTable.y2026.cost(of: .messagesGet) == 20)
        #expect(QuotaCostTable.legacy.cost(of: .threadsGet) == 10)
        #expect(QuotaCostTable.y2026.cost(of: .threadsGet) == 40)
        #expect(QuotaCostTable.legacy.cost(of: .historyList) == 2)
        #expect(QuotaCostTable.y2026.cost(of: .messagesSend) == 100)
        // Unknown in 2026: the legacy price stands.
        #expect(QuotaCostTable.y2026.cost(of: .attachmentsGet) == 5)
        #expect(QuotaCostTable.legacy.userUnitsPerMinute == 15_000)
        #expect(QuotaCostTable.y2026.userUnitsPerMinute == 6_000)
        for method in GmailMethod.allCases {
            #expect(QuotaCostTable.legacy.cost(of: method) > 0, "\(method)")
        }
    }

    @Test func customTableFallsBackToLegacy() {
        let table = QuotaCostTable(costs: [.messagesGet: 7], userUnitsPerMinute: 100)
        #expect(table.cost(of: .messagesGet) == 7)
        #expect(table.cost(of: .getProfile) == 1)
    }

    @Test func everyCallIsReportedWithItsPrice() throws {
        let log = GmailCallLog()
        let transport = ScriptedTransport(responses: [
            gmailJSON("{}"), gmailJSON("{}"), gmailJSON(#"{"error":{"code":401}}"#, status: 401), gmailJSON("{}"),
            gmailJSON(#"{"historyId":"5"}"#),
        ])
        let client = makeGmailClient(transport, costs: .y2026, onCall: log.hook)
        _ = try client.profile()
        _ = try client.listMessages()
        _ = try client.message(id: "a")
        _ = try client.history(startHistoryID: 4)
        #expect(log.methods == [.getProfile, .messagesList, .messagesGet, .messagesGet, .historyList])
        #expect(log.units == 1 + 5 + 20 + 20 + 2)
    }
}
