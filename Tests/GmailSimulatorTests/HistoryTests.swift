import Foundation
import GmailSimulator
import Testing

@Suite("history.list follows §8 and §16")
struct HistoryTests {
    private func history(_ fixture: Fixture, _ query: String) throws -> SimulatorHTTP.Response {
        try fixture.get("/gmail/v1/users/me/history?\(query)")
    }

    private func records(_ response: SimulatorHTTP.Response) -> [[String: Any]] {
        response.json["history"] as? [[String: Any]] ?? []
    }

    @Test("with nothing new the answer is only {historyId}, the profile's id, starting near 4,000,000")
    func emptyShape() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let profile = try fixture.get("/gmail/v1/users/me/profile")
        #expect(profile.status == 200)
        #expect(profile.keyOrder == ["emailAddress", "messagesTotal", "threadsTotal", "historyId"])
        let start = try #require(profile.json["historyId"] as? String)
        #expect((4_000_000..<4_200_000).contains(Int(start)!))
        let response = try history(fixture, "startHistoryId=\(start)")
        #expect(response.status == 200)
        #expect(response.keyOrder == ["historyId"])
        #expect(response.json["historyId"] as? String == start)
    }

    @Test("deliver, label change, trash and delete each append a typed record with labels after the change")
    func recordsForEachChange() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let start = fixture.historyId
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let read = try fixture.post("/gmail/v1/users/me/messages/\(id)/modify", ["removeLabelIds": ["UNREAD"]])
        #expect(read.status == 200)
        #expect(read.json["labelIds"] as? [String] == ["INBOX"])
        let trashed = try fixture.post("/gmail/v1/users/me/messages/\(id)/trash", [String: String]())
        #expect(trashed.json["labelIds"] as? [String] == ["TRASH"])
        #expect(fixture.simulator.delete(id: id, in: fixture.account))

        let response = try history(fixture, "startHistoryId=\(start)")
        let list = records(response)
        #expect(list.count == 4)
        let ids = list.compactMap { ($0["id"] as? String).flatMap { UInt64($0) } }
        #expect(ids == ids.sorted() && Set(ids).count == 4)
        #expect(response.json["historyId"] as? String == String(ids.last!))
        #expect(response.json["historyId"] as? String == fixture.historyId)

        let added = try #require((list[0]["messagesAdded"] as? [[String: Any]])?.first?["message"] as? [String: Any])
        #expect(added["id"] as? String == id)
        #expect(added["threadId"] as? String == id)
        #expect(added["labelIds"] as? [String] == ["INBOX", "UNREAD"])
        #expect((list[0]["messages"] as? [[String: Any]])?.first?["id"] as? String == id)
        #expect(Set(list[0].keys) == ["id", "messages", "messagesAdded"])

        let removed = try #require((list[1]["labelsRemoved"] as? [[String: Any]])?.first)
        #expect(removed["labelIds"] as? [String] == ["UNREAD"])
        #expect((removed["message"] as? [String: Any])?["labelIds"] as? [String] == ["INBOX"])

        // Trash is a label change, not a deletion: TRASH added and INBOX removed in one record.
        let trash = list[2]
        #expect((trash["labelsAdded"] as? [[String: Any]])?.first?["labelIds"] as? [String] == ["TRASH"])
        #expect((trash["labelsRemoved"] as? [[String: Any]])?.first?["labelIds"] as? [String] == ["INBOX"])
        #expect(((trash["labelsAdded"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["labelIds"] as? [String] == ["TRASH"])
        #expect(trash["messagesDeleted"] == nil)

        let deleted = try #require((list[3]["messagesDeleted"] as? [[String: Any]])?.first?["message"] as? [String: Any])
        #expect(Set(deleted.keys) == ["id", "threadId"])
        // The message's own historyId was the record of its last change.
        let again = try fixture.get("/gmail/v1/users/me/messages/\(id)")
        #expect(again.status == 404)
    }

    @Test("a message's historyId is the id of the record that last changed it")
    func messageHistoryID() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let start = fixture.historyId
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        _ = fixture.simulator.modifyLabels(id: id, in: fixture.account, add: ["STARRED"])
        let list = records(try history(fixture, "startHistoryId=\(start)"))
        let message = try fixture.get("/gmail/v1/users/me/messages/\(id)?format=minimal")
        #expect(message.json["historyId"] as? String == list.last?["id"] as? String)
    }

    @Test("a cursor below the floor is 404 notFound; missing or non-numeric is 400 invalidArgument")
    func floorAndBadCursor() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let old = fixture.historyId
        for index in 0..<5 {
            fixture.simulator.deliver(raw: Mail.plain(messageID: "<m\(index)@x>"), to: fixture.account)
        }
        fixture.simulator.pruneHistory(keepingLast: 2, for: fixture.account)
        let stale = try history(fixture, "startHistoryId=\(old)")
        #expect(stale.status == 404)
        #expect(stale.reason == "notFound")
        #expect(stale.errorMessage == "Requested entity was not found.")
        #expect((stale.json["error"] as? [String: Any])?["status"] as? String == "NOT_FOUND")
        // The floor itself still works and yields exactly the kept records.
        let floor = try #require(fixture.simulator.historyFloor(for: fixture.account))
        #expect(records(try history(fixture, "startHistoryId=\(floor)")).count == 2)

        let missing = try fixture.get("/gmail/v1/users/me/history")
        #expect(missing.status == 400)
        #expect(missing.reason == "invalidArgument")
        #expect(missing.errorMessage == "Missing/invalid parameter: startHistoryId")
        #expect(try history(fixture, "startHistoryId=abc").status == 400)

        fixture.simulator.setHistoryFloor(UInt64(fixture.historyId)!, for: fixture.account)
        #expect(try history(fixture, "startHistoryId=\(floor)").status == 404)
        #expect(try history(fixture, "startHistoryId=\(fixture.historyId)").keyOrder == ["historyId"])
    }

    @Test("historyTypes, labelId, maxResults and pageToken")
    func filtersAndPages() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let start = fixture.historyId
        var ids: [String] = []
        for index in 0..<5 {
            ids.append(fixture.simulator.deliver(raw: Mail.plain(messageID: "<p\(index)@x>"), to: fixture.account))
        }
        fixture.simulator.modifyLabels(id: ids[0], in: fixture.account, remove: ["UNREAD"])
        fixture.simulator.deliver(raw: Mail.plain(messageID: "<spam@x>"), to: fixture.account, labelIds: ["SPAM"])

        let added = records(try history(fixture, "startHistoryId=\(start)&historyTypes=messageAdded"))
        #expect(added.count == 6)
        #expect(added.allSatisfy { $0["messagesAdded"] != nil && $0["labelsRemoved"] == nil })
        let removals = records(try history(fixture, "startHistoryId=\(start)&historyTypes=labelRemoved"))
        #expect(removals.count == 1)
        let spam = records(try history(fixture, "startHistoryId=\(start)&labelId=SPAM"))
        #expect(spam.count == 1)

        var seen: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let response = try history(fixture, "startHistoryId=\(start)&maxResults=2" + (token.map { "&pageToken=\($0)" } ?? ""))
            #expect(response.status == 200)
            seen += records(response).compactMap { $0["id"] as? String }
            token = response.json["nextPageToken"] as? String
            pages += 1
        } while token != nil && pages < 10
        #expect(pages == 4)
        #expect(seen.count == 7)
        #expect(Set(seen).count == 7)
    }
}
