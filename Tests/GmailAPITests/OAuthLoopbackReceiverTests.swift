import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import GmailAPI
import Testing

@Suite("The loopback receiver, driven by real HTTP requests")
struct OAuthLoopbackReceiverTests {
    @Test("the browser's redirect with the right state gives the code and a friendly page; then the port closes")
    func rightState() async throws {
        let receiver = try LoopbackRedirectReceiver(expectedState: "s-1")
        #expect(receiver.redirectURI == "http://127.0.0.1:\(receiver.port)")
        async let outcome = OAuthTestThread.run { () throws(OAuthError) -> String in try receiver.wait(timeout: 120) }
        let page = try await OAuthTestBrowser.get(receiver.redirectURI + "/?state=s-1&code=4%2F0Ab-code&scope=x")
        #expect(page.status == 200)
        #expect(page.body.contains("Rapport is connected. You can close this tab."))
        #expect(page.headers["Referrer-Policy"] == "no-referrer")
        #expect(try await outcome.get() == "4/0Ab-code")
        await #expect(throws: (any Error).self) { try await OAuthTestBrowser.get(receiver.redirectURI + "/") }
    }

    @Test("a wrong or missing state is refused and the wait goes on: the right redirect after it still decides")
    func wrongStateKeepsWaiting() async throws {
        let receiver = try LoopbackRedirectReceiver(expectedState: "s-1")
        async let outcome = OAuthTestThread.run { () throws(OAuthError) -> String in try receiver.wait(timeout: 120) }
        for forged in ["/?code=stolen&state=forged", "/?code=stolen", "/?error=access_denied&state=forged",
                       "/?error=access_denied"] {
            let page = try await OAuthTestBrowser.get(receiver.redirectURI + forged)
            #expect(page.status == 400)
            #expect(page.body.contains("another sign-in attempt") && page.body.contains("still waiting"))
            #expect(!page.body.contains("stolen"))
        }
        let page = try await OAuthTestBrowser.get(receiver.redirectURI + "/?state=s-1&code=right")
        #expect(page.body.contains("Rapport is connected"))
        #expect(try await outcome.get() == "right")
    }

    @Test("a matching state with an error decides too, after forged answers were ignored")
    func matchingErrorAfterForgery() async throws {
        let receiver = try LoopbackRedirectReceiver(expectedState: "s-1")
        async let outcome = OAuthTestThread.run { () throws(OAuthError) -> String in try receiver.wait(timeout: 120) }
        #expect(try await OAuthTestBrowser.get(receiver.redirectURI + "/?code=stolen&state=forged").status == 400)
        #expect(try await OAuthTestBrowser.get(receiver.redirectURI + "/?error=invalid_scope&state=s-1").status == 200)
        #expect(await outcome == .failure(.authorizationFailed("invalid_scope")))
    }

    @Test("error=access_denied ends the wait with a clear error")
    func accessDenied() async throws {
        let receiver = try LoopbackRedirectReceiver(expectedState: "s-1")
        async let outcome = OAuthTestThread.run { () throws(OAuthError) -> String in try receiver.wait(timeout: 120) }
        let page = try await OAuthTestBrowser.get(receiver.redirectURI + "/?error=access_denied&state=s-1")
        #expect(page.body.contains("Access was not allowed"))
        let result = await outcome
        #expect(result == .failure(.accessDenied))
        if case .failure(let error) = result { #expect(error.description.contains("choose Allow")) }
    }

    @Test("/favicon.ico and a bare / are answered and ignored; the redirect after them still counts")
    func faviconIgnored() async throws {
        let receiver = try LoopbackRedirectReceiver(expectedState: "s-1")
        async let outcome = OAuthTestThread.run { () throws(OAuthError) -> String in try receiver.wait(timeout: 120) }
        #expect(try await OAuthTestBrowser.get(receiver.redirectURI + "/favicon.ico").status == 404)
        #expect(try await OAuthTestBrowser.get(receiver.redirectURI + "/").status == 404)
        #expect(try await OAuthTestBrowser.get(receiver.redirectURI + "/?code=c&state=s-1").status == 200)
        #expect(try await outcome.get() == "c")
    }

    @Test("a pasted address can decide instead; the browser arriving later changes nothing")
    func finishedElsewhere() async throws {
        let receiver = try LoopbackRedirectReceiver(expectedState: "s-1")
        #expect(receiver.finish(.success("pasted-code")))
        #expect(!receiver.finish(.success("second")))
        #expect(try receiver.wait(timeout: 5) == "pasted-code")
    }

    @Test("the wait is bounded by its timeout, and can be cancelled from another thread")
    func timeoutAndCancel() async throws {
        let slow = try LoopbackRedirectReceiver(expectedState: "s")
        #expect(throws: OAuthError.timedOut(seconds: 0)) { try slow.wait(timeout: 0.2) }

        let receiver = try LoopbackRedirectReceiver(expectedState: "s")
        async let outcome = OAuthTestThread.run { () throws(OAuthError) -> String in try receiver.wait(timeout: 120) }
        try await Task.sleep(for: .milliseconds(100))
        receiver.cancel()
        #expect(await outcome == .failure(.cancelled))
    }
}

/// Runs blocking work on a thread of its own, off the cooperative pool.
enum OAuthTestThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(OAuthError) -> T) async -> Result<T, OAuthError> {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { () throws(OAuthError) -> T in try body() })
            }
        }
    }
}

/// A browser: a real HTTP GET through URLSession.
enum OAuthTestBrowser {
    struct Page: Sendable {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    static func get(_ address: String) async throws -> Page {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(from: URL(string: address)!)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return Page(status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self))
    }
}
