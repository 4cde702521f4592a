import Foundation
import GmailSimulator
import Testing

@Suite("batch: parts, Content-IDs, order, limits")
struct BatchTests {
    struct Answer {
        var contentID: String?
        var status: Int
        var body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    /// Sends parts ("GET /path" lines, each with an optional Content-ID) as one batch.
    private func batch(_ fixture: Fixture, _ parts: [(id: String?, request: String)], path: String = "/batch/gmail/v1",
                       token: String? = nil) throws -> (SimulatorHTTP.Response, [Answer]) {
        let boundary = "batch_crm_7f3a"
        var body = ""
        for part in parts {
            body += "--\(boundary)\r\nContent-Type: application/http\r\n"
            if let id = part.id { body += "Content-ID: <\(id)>\r\n" }
            body += "\r\n\(part.request)\r\n\r\n"
        }
        body += "--\(boundary)--\r\n"
        let response = try fixture.http.send("POST", path, headers: [
            ("Authorization", "Bearer \(token ?? fixture.token)"),
            ("Content-Type", "multipart/mixed; boundary=\(boundary)"),
        ], body: Array(body.utf8))
        return (response, Self.answers(response))
    }

    static func answers(_ response: SimulatorHTTP.Response) -> [Answer] {
        guard let type = response.header("Content-Type"), let range = type.range(of: "boundary=") else { return [] }
        let boundary = String(type[range.upperBound...])
        let text = response.text
        var answers: [Answer] = []
        for chunk in text.components(separatedBy: "--\(boundary)").dropFirst() where !chunk.hasPrefix("--") {
            let sections = chunk.components(separatedBy: "\r\n\r\n")
            guard sections.count >= 3 else { continue }
            let partHeaders = sections[0].components(separatedBy: "\r\n")
            let contentID = partHeaders.first { $0.lowercased().hasPrefix("content-id:") }
                .map { $0.dropFirst("content-id:".count).trimmingCharacters(in: .whitespaces) }
            let statusLine = sections[1].components(separatedBy: "\r\n")[0].split(separator: " ")
            let body = sections[2...].joined(separator: "\r\n\r\n").trimmingCharacters(in: .whitespacesAndNewlines)
            answers.append(Answer(contentID: contentID, status: Int(statusLine[1]) ?? 0, body: body))
        }
        return answers
    }

    @Test("each part is answered with Content-ID <response-X>; the outer status is 200 even when a part fails")
    func contentIDs() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let (response, answers) = try batch(fixture, [
            ("m1", "GET /gmail/v1/users/me/messages/\(id)?format=minimal"),
            ("m2", "GET /gmail/v1/users/me/messages/18f2ee01aa5b3c77?format=full"),
        ])
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("multipart/mixed; boundary=batch_") == true)
        #expect(answers.map(\.contentID) == ["<response-m1>", "<response-m2>"])
        #expect(answers.map(\.status) == [200, 404])
        #expect(answers[0].json["id"] as? String == id)
        #expect(((answers[1].json["error"] as? [String: Any])?["errors"] as? [[String: String]])?.first?["reason"] == "notFound")
    }

    @Test("a part without Content-ID gets the bare 'response-'; /batch works like /batch/gmail/v1")
    func bareContentID() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let (response, answers) = try batch(fixture, [(nil, "GET /gmail/v1/users/me/profile"),
                                                      (nil, "GET /gmail/v1/users/me/labels HTTP/1.1")], path: "/batch")
        #expect(response.status == 200)
        #expect(answers.map(\.contentID) == ["response-", "response-"])
        #expect(answers.map(\.status) == [200, 200])
    }

    @Test("the example batch request is understood as written",
          .enabled(if: Examples.folder != nil, "needs ../shared/reference/examples"))
    func exampleRequest() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let example = try #require(Examples.bytes("batch-request.http"))
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        // The file is a whole HTTP request (CRLF): take its Content-Type and body as they are.
        let split = try #require(SimulatorHTTP.find(Array("\r\n\r\n".utf8), in: example))
        let head = String(decoding: example[..<split], as: UTF8.self)
        let type = try #require(head.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Type:") })
            .dropFirst("Content-Type:".count).trimmingCharacters(in: .whitespaces)
        let body = String(decoding: example[(split + 4)...], as: UTF8.self)
            .replacingOccurrences(of: "18f3a9c2d41b7e05", with: id)
        let response = try fixture.http.send("POST", "/batch/gmail/v1", headers: [
            ("Authorization", "Bearer \(fixture.token)"), ("Content-Type", type),
        ], body: Array(body.utf8))
        let answers = Self.answers(response)
        #expect(answers.map(\.contentID) == ["<response-m1>", "<response-m2>"])
        #expect(answers.map(\.status) == [200, 404])
    }

    @Test("responses may come back shuffled; matched by Content-ID they are all there")
    func shuffled() throws {
        var configuration = Fixture.unlimited
        configuration.shuffleBatchResponses = true
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let parts = (0..<20).map { (id: Optional("p\($0)"), request: "GET /gmail/v1/users/me/profile") }
        let (_, answers) = try batch(fixture, parts)
        let order = answers.compactMap(\.contentID)
        #expect(order != parts.map { "<response-\($0.id!)>" })
        #expect(Set(order) == Set(parts.map { "<response-\($0.id!)>" }))
    }

    @Test("more than 100 parts is a 400; 100 is fine")
    func limit() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let part = (id: String?.none, request: "GET /gmail/v1/users/me/profile")
        let (tooMany, _) = try batch(fixture, Array(repeating: part, count: 101))
        #expect(tooMany.status == 400)
        #expect(tooMany.reason == "badRequest")
        let (hundred, answers) = try batch(fixture, Array(repeating: part, count: 100))
        #expect(hundred.status == 200)
        #expect(answers.count == 100)
    }

    @Test("each part is charged on its own: past the bucket, parts fail with 429 inside a 200")
    func quotaPerPart() throws {
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = 0.001
        configuration.burstUnits = 20
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let parts = (0..<6).map { (id: Optional("g\($0)"), request: "GET /gmail/v1/users/me/messages/\(id)") }
        let (response, answers) = try batch(fixture, parts)
        #expect(response.status == 200)
        #expect(answers.map(\.status) == [200, 200, 200, 200, 429, 429])
        let log = fixture.simulator.requestLog.filter(\.inBatch)
        #expect(log.map(\.quotaUnits) == [5, 5, 5, 5, 0, 0])
        #expect(log.allSatisfy { $0.method == .messagesGet && $0.account == "dana@example.com" })
    }

    @Test("the outer Authorization covers every part unless a part brings its own")
    func partAuthorization() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let (_, answers) = try batch(fixture, [
            ("a", "GET /gmail/v1/users/me/profile"),
            ("b", "GET /gmail/v1/users/me/profile\r\nAuthorization: Bearer ya29.wrong"),
        ])
        #expect(answers.map(\.status) == [200, 401])
    }
}
