import Foundation
import GmailSimulator
import Testing

/// messages.modify, batchModify, trash and untrash as Rapport's label changes use them: labels, history
/// records with the deltas, errors and quota costs.
@Suite struct LabelChangeTests {
    private func records(_ fixture: Fixture, since start: String) throws -> [[String: Any]] {
        try fixture.get("/gmail/v1/users/me/history?startHistoryId=\(start)").json["history"] as? [[String: Any]] ?? []
    }

    private func delta(_ record: [String: Any], _ kind: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for change in record[kind] as? [[String: Any]] ?? [] {
            if let id = (change["message"] as? [String: Any])?["id"] as? String { result[id] = change["labelIds"] as? [String] }
        }
        return result
    }

    @Test("batchModify: one record per message it changed, with both deltas; ids it does not hold are passed over")
    func batchModifyRecords() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let a = fixture.simulator.deliver(raw: Mail.plain(messageID: "<a@x>"), to: fixture.account)
        let b = fixture.simulator.deliver(raw: Mail.plain(messageID: "<b@x>"), to: fixture.account, labelIds: ["SENT"])
        let start = fixture.historyId
        let answer = try fixture.post("/gmail/v1/users/me/messages/batchModify",
                                      ["ids": [a, b, "18f00000000000ff"], "addLabelIds": ["TRASH"], "removeLabelIds": ["INBOX"]])
        #expect(answer.status == 204 && answer.body.isEmpty)
        let list = try records(fixture, since: start)
        #expect(list.count == 2)
        #expect(delta(list[0], "labelsAdded") == [a: ["TRASH"]] && delta(list[0], "labelsRemoved") == [a: ["INBOX"]])
        #expect(delta(list[1], "labelsAdded") == [b: ["TRASH"]] && list[1]["labelsRemoved"] == nil,
                "only what changed is recorded")
        #expect(fixture.simulator.message(id: a, in: fixture.account)?.labelIds == ["UNREAD", "TRASH"])
        // The same change again changes nothing and records nothing.
        let unchanged = fixture.historyId
        _ = try fixture.post("/gmail/v1/users/me/messages/batchModify", ["ids": [a, b], "addLabelIds": ["TRASH"]])
        #expect(try records(fixture, since: unchanged).isEmpty)
        // Trash through batchModify is trash: untrash gives the inbox back.
        let back = try fixture.post("/gmail/v1/users/me/messages/\(a)/untrash", [String: String]())
        #expect(back.json["labelIds"] as? [String] == ["UNREAD", "INBOX"])
    }

    @Test("batchModify refuses no ids, more than 1,000, a malformed id and an unknown label, changing nothing")
    func batchModifyErrors() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let a = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let path = "/gmail/v1/users/me/messages/batchModify"
        let many = (0..<1_001).map { String(format: "18f%013x", $0) }
        for body: [String: Any] in [["ids": [String](), "removeLabelIds": ["UNREAD"]],
                                    ["ids": many, "removeLabelIds": ["UNREAD"]],
                                    ["ids": [a, "not-an-id"], "removeLabelIds": ["UNREAD"]],
                                    ["ids": [a], "addLabelIds": ["Label_404"], "removeLabelIds": ["UNREAD"]],
                                    ["ids": [a], "addLabelIds": ["SENT"]]] {
            let answer = try fixture.post(path, body)
            #expect(answer.status == 400 && answer.reason == "invalidArgument", "\(answer.status) \(answer.reason ?? "")")
        }
        #expect(fixture.simulator.message(id: a, in: fixture.account)?.labelIds == ["INBOX", "UNREAD"])
        #expect(try fixture.post("/gmail/v1/users/me/messages/18f0000000000001/modify",
                                 ["removeLabelIds": ["UNREAD"]]).status == 404)
    }

    @Test("modify 5 units, batchModify 50 whatever the number of ids, trash and untrash 5")
    func costs() throws {
        var configuration = SimulatorConfiguration()
        configuration.burstUnits = 10_000
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let ids = (0..<3).map { fixture.simulator.deliver(raw: Mail.plain(messageID: "<m\($0)@x>"), to: fixture.account) }
        _ = try fixture.post("/gmail/v1/users/me/messages/\(ids[0])/modify", ["removeLabelIds": ["UNREAD"]])
        _ = try fixture.post("/gmail/v1/users/me/messages/batchModify", ["ids": ids, "removeLabelIds": ["INBOX"]])
        _ = try fixture.post("/gmail/v1/users/me/messages/\(ids[1])/trash", [String: String]())
        _ = try fixture.post("/gmail/v1/users/me/messages/\(ids[1])/untrash", [String: String]())
        #expect(fixture.simulator.requestLog.map(\.quotaUnits) == [5, 50, 5, 5])
        #expect(fixture.simulator.requestLog.map(\.method) == [.messagesModify, .messagesBatchModify, .messagesTrash,
                                                               .messagesUntrash])
    }
}
