import Foundation
import GmailSimulator
import Synchronization
import Testing

@Suite("quota, concurrency, latency and faults")
struct LimitsTests {
    private func starved(_ style: QuotaErrorStyle = .resourceExhausted, burst: Double = 3) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = 0.001
        configuration.burstUnits = burst
        configuration.quotaErrorStyle = style
        return configuration
    }

    @Test("an empty bucket gives 429 'Resource has been exhausted' as in the example")
    func quota429() throws {
        let fixture = try Fixture(configuration: starved())
        defer { fixture.stop() }
        for _ in 0..<3 { #expect(try fixture.get("/gmail/v1/users/me/profile").status == 200) }
        let over = try fixture.get("/gmail/v1/users/me/profile")
        #expect(over.status == 429)
        if let example = Examples.json("error-429-resource-exhausted.json") as? [String: Any] {
            #expect(NSDictionary(dictionary: over.json) == NSDictionary(dictionary: example))
        }
        #expect(fixture.simulator.requestLog.map(\.quotaUnits) == [1, 1, 1, 0])
    }

    @Test("or, configured so, 403 usageLimits rateLimitExceeded 'Quota exceeded for quota metric…'")
    func quota403() throws {
        let fixture = try Fixture(configuration: starved(.queriesPerMinute, burst: 0))
        defer { fixture.stop() }
        let over = try fixture.get("/gmail/v1/users/me/labels")
        #expect(over.status == 403)
        #expect(over.reason == "rateLimitExceeded")
        let detail = ((over.json["error"] as? [String: Any])?["errors"] as? [[String: String]])?.first
        #expect(detail?["domain"] == "usageLimits")
        #expect(over.errorMessage?.hasPrefix("Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'") == true)
        if let example = Examples.json("error-403-per-user-quota.json") as? [String: Any] {
            #expect(NSDictionary(dictionary: over.json) == NSDictionary(dictionary: example))
        }
    }

    @Test("the bucket refills at unitsPerSecond")
    func refill() throws {
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = 10
        configuration.burstUnits = 5
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        #expect(try fixture.get("/gmail/v1/users/me/messages").status == 200)
        #expect(try fixture.get("/gmail/v1/users/me/messages").status == 429)
        Thread.sleep(forTimeInterval: 0.6)
        #expect(try fixture.get("/gmail/v1/users/me/messages").status == 200)
        fixture.simulator.drainQuota(for: fixture.account)
        #expect(try fixture.get("/gmail/v1/users/me/messages").status == 429)
    }

    @Test("costs follow the legacy table or the 2026 one", arguments: [CostTable.legacy, .y2026])
    func costs(_ table: CostTable) throws {
        var configuration = SimulatorConfiguration()
        configuration.costTable = table
        configuration.burstUnits = 10_000
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let history = fixture.historyId
        _ = try fixture.get("/gmail/v1/users/me/profile")
        _ = try fixture.get("/gmail/v1/users/me/messages")
        _ = try fixture.get("/gmail/v1/users/me/messages/\(id)")
        _ = try fixture.get("/gmail/v1/users/me/threads/\(id)")
        _ = try fixture.get("/gmail/v1/users/me/history?startHistoryId=\(history)")
        _ = try fixture.get("/gmail/v1/users/me/labels")
        _ = try fixture.post("/gmail/v1/users/me/messages/\(id)/modify", ["addLabelIds": ["STARRED"]])
        _ = try fixture.post("/gmail/v1/users/me/messages/send", ["raw": Mail.base64url(Mail.plain(messageID: "<c@x>"))])
        let units = fixture.simulator.requestLog.map(\.quotaUnits)
        #expect(units == (table == .legacy ? [1, 5, 5, 10, 2, 1, 5, 100] : [1, 5, 20, 40, 2, 1, 5, 100]))
    }

    @Test("over the per-user concurrency cap: 429 'Too many concurrent requests for user.'")
    func concurrencyCap() throws {
        var configuration = Fixture.unlimited
        configuration.concurrentRequestsPerUser = 2
        configuration.latency = 0.8
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let statuses = Mutex<[Int]>([])
        let bodies = Mutex<[SimulatorHTTP.Response]>([])
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let response = try? fixture.get("/gmail/v1/users/me/profile") else { return }
                statuses.withLock { $0.append(response.status) }
                bodies.withLock { $0.append(response) }
            }
        }
        group.wait()
        #expect(statuses.withLock { $0.sorted() } == [200, 200, 429, 429])
        let refused = try #require(bodies.withLock { $0.first { $0.status == 429 } })
        #expect(refused.errorMessage == "Too many concurrent requests for user.")
        if let example = Examples.json("error-429-concurrent.json") as? [String: Any] {
            #expect(NSDictionary(dictionary: refused.json) == NSDictionary(dictionary: example))
        }
        // Slots are given back.
        #expect(try fixture.get("/gmail/v1/users/me/profile").status == 200)
    }

    @Test("latency delays each request; configuration changes apply to the next request")
    func latency() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        fixture.simulator.configuration.latency = 0.25
        let started = Date()
        #expect(try fixture.get("/gmail/v1/users/me/profile").status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.25)
        fixture.simulator.updateConfiguration { $0.latency = 0 }
        let again = Date()
        _ = try fixture.get("/gmail/v1/users/me/profile")
        #expect(Date().timeIntervalSince(again) < 0.2)
    }

    @Test("failNext fails the next N calls of one method, then lets calls through")
    func scriptedFaults() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        fixture.simulator.failNext(.messagesGet, count: 2, with: .unavailable)
        #expect(try fixture.get("/gmail/v1/users/me/profile").status == 200)
        let first = try fixture.get("/gmail/v1/users/me/messages/\(id)")
        #expect(first.status == 503)
        #expect(first.reason == "backendError")
        #expect(try fixture.get("/gmail/v1/users/me/messages/\(id)").status == 503)
        #expect(try fixture.get("/gmail/v1/users/me/messages/\(id)").status == 200)
    }

    @Test("scripted 429s carry a Retry-After header or a 'Retry after <ISO 8601>' message")
    func retryAfterForms() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        fixture.simulator.failNext(method: .messagesList, status: 429, reason: "rateLimitExceeded",
                                   retryAfter: .header(seconds: 7))
        let header = try fixture.get("/gmail/v1/users/me/messages")
        #expect(header.status == 429)
        #expect(header.header("Retry-After") == "7")

        fixture.simulator.failNext(method: .messagesSend, status: 429, reason: "rateLimitExceeded",
                                   retryAfter: .message(seconds: 120))
        let message = try fixture.post("/gmail/v1/users/me/messages/send", ["raw": Mail.base64url(Mail.plain())])
        #expect(message.status == 429)
        let text = try #require(message.errorMessage)
        #expect(text.hasPrefix("User-rate limit exceeded.  Retry after 20"))
        #expect(text.hasSuffix("Z"))
        #expect(fixture.simulator.sentMessages(for: fixture.account).isEmpty)
    }

    @Test("a fault after applying: the send happened though the client saw a 500")
    func faultAfterApplying() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        var fault = ScriptedFault.backendError
        fault.afterApplying = true
        fixture.simulator.failNext(.messagesSend, with: fault)
        let raw = Mail.plain(to: "sam@vendor.example", messageID: "<once@example.com>")
        let response = try fixture.post("/gmail/v1/users/me/messages/send", ["raw": Mail.base64url(raw)])
        #expect(response.status == 500)
        #expect(fixture.simulator.sentMessages(for: fixture.account) == [raw])
        let check = try fixture.get("/gmail/v1/users/me/messages?q=rfc822msgid%3Aonce%40example.com%20in%3Asent")
        #expect((check.json["messages"] as? [[String: String]])?.count == 1)
    }

    @Test("serverErrorRate injects 500/503 backendError, reproducibly for a seed")
    func randomErrors() throws {
        var configuration = Fixture.unlimited
        configuration.serverErrorRate = 0.5
        func run() throws -> [Int] {
            let fixture = try Fixture(configuration: configuration)
            defer { fixture.stop() }
            return try (0..<30).map { _ in try fixture.get("/gmail/v1/users/me/labels").status }
        }
        let statuses = try run()
        #expect(Set(statuses).isSubset(of: [200, 500, 503]))
        #expect(statuses.contains(200) && statuses.contains { $0 >= 500 })
        #expect(try run() == statuses)
    }
}
