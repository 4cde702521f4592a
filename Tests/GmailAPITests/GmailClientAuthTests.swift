import Foundation
import Testing
@testable import GmailAPI

/// Bearer tokens, the one refresh after a 401, and what the token provider says passing through.
@Suite(.enabled(if: GmailExamples.available, GmailExamples.missing))
struct GmailClientAuthTests {
    @Test func unauthorizedRefreshesOnceThenSucceeds() throws {
        let tokens = CountingTokens()
        let transport = ScriptedTransport(responses: [
            try GmailExamples.response("error-401-auth.json", status: 401),
            try GmailExamples.response("profile.json"),
        ])
        let profile = try makeGmailClient(transport, tokens: tokens).profile()
        #expect(profile.historyID == 4_818_301)
        #expect(tokens.refreshes == 1)
        #expect(transport.requests.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])
    }

    @Test func secondUnauthorizedIsUnauthorized() throws {
        let tokens = CountingTokens()
        let transport = ScriptedTransport(responses: [
            try GmailExamples.response("error-401-auth.json", status: 401),
            try GmailExamples.response("error-401-auth.json", status: 401),
        ])
        #expect(throws: GmailError.unauthorized("messages.list: Invalid Credentials (HTTP 401 authError)")) {
            try makeGmailClient(transport, tokens: tokens).listMessages()
        }
        #expect(tokens.refreshes == 1)
        #expect(transport.requests.count == 2)
    }

    @Test func needsLoginFromTheProviderPassesThrough() throws {
        let tokens = CountingTokens(refreshFailure: .needsLogin("Sign in to Gmail again: rapport account add"))
        let transport = ScriptedTransport(responses: [try GmailExamples.response("error-401-auth.json", status: 401)])
        #expect(throws: GmailError.needsLogin("Sign in to Gmail again: rapport account add")) {
            try makeGmailClient(transport, tokens: tokens).labels()
        }
        #expect(transport.requests.count == 1)
    }

    @Test func sendIsRetriedAfterARefresh() throws {
        // A 401 means Gmail did not take the message, so sending it again cannot duplicate it.
        let transport = ScriptedTransport(responses: [
            try GmailExamples.response("error-401-auth.json", status: 401),
            try GmailExamples.response("messages-send-response.json"),
        ])
        let sent = try makeGmailClient(transport).send(raw: Array("To: a@b.example\r\n\r\nhi\r\n".utf8))
        #expect(sent.id == "18f3ac01d2e3f4a5")
        #expect(transport.requests.count == 2)
        #expect(transport.requests[0].body == transport.requests[1].body)
    }

    @Test func otherErrorsAreNotRetried() throws {
        let transport = ScriptedTransport(responses: [try GmailExamples.response("error-500-backend.json", status: 500)])
        #expect(throws: GmailError.self) { try makeGmailClient(transport).profile() }
        #expect(transport.requests.count == 1)
    }

    @Test func transportFailuresPassThroughUnchanged() {
        let transport = ScriptedTransport([{ _ in .failure(.temporary("cannot connect to gmail.googleapis.com (connection refused)")) }])
        #expect(throws: GmailError.temporary("cannot connect to gmail.googleapis.com (connection refused)")) {
            try makeGmailClient(transport).profile()
        }
    }
}
