import Foundation
import Testing
@testable import GmailAPI

/// Gmail's error answers become the `GmailError` kinds MailSync acts on (gmail-api.md §10).
@Suite(.enabled(if: GmailExamples.available, GmailExamples.missing))
struct GmailClientErrorTests {
    /// The error `message(id:)` throws when Gmail answers with this example.
    private func messageError(_ example: String, status: Int, headers: [String: String] = [:]) throws -> GmailError? {
        let transport = ScriptedTransport(responses: [try GmailExamples.response(example, status: status, headers: headers)])
        do {
            _ = try makeGmailClient(transport).message(id: "18f3a9c2d41b7e05")
            return nil
        } catch {
            return error
        }
    }

    @Test func badRequestIsPermanent() throws {
        #expect(try messageError("error-400-invalid-id.json", status: 400)
            == .permanent("messages.get: Invalid id value (HTTP 400 invalidArgument)"))
    }

    @Test func failedPreconditionIsTemporaryUnlessMailIsNotEnabled() throws {
        #expect(try messageError("error-400-failed-precondition.json", status: 400)
            == .temporary("messages.get: Precondition check failed. (HTTP 400 failedPrecondition)"))
        let notEnabled = gmailJSON(#"{"error":{"code":400,"message":"Mail service not enabled","errors":[{"message":"Mail service not enabled","domain":"global","reason":"failedPrecondition"}],"status":"FAILED_PRECONDITION"}}"#, status: 400)
        let transport = ScriptedTransport(responses: [notEnabled])
        #expect(throws: GmailError.permission("getProfile: Mail service not enabled (HTTP 400 failedPrecondition)")) {
            try makeGmailClient(transport).profile()
        }
    }

    @Test func insufficientScopesAndDomainPolicyArePermission() throws {
        #expect(try messageError("error-403-insufficient-scopes.json", status: 403)
            == .permission("messages.get: Request had insufficient authentication scopes. (HTTP 403 insufficientPermissions)"))
        let policy = gmailJSON(#"{"error":{"code":403,"message":"Blocked by admin","errors":[{"reason":"domainPolicy","domain":"global"}]}}"#, status: 403)
        #expect(throws: GmailError.permission("labels.list: Blocked by admin (HTTP 403 domainPolicy)")) {
            try makeGmailClient(ScriptedTransport(responses: [policy])).labels()
        }
    }

    @Test func forbiddenWithARateReasonIsRateLimited() throws {
        let error = try #require(try messageError("error-403-per-user-quota.json", status: 403))
        guard case .rateLimited(let after, let message) = error else {
            Issue.record("expected rateLimited, got \(error)")
            return
        }
        #expect(after == nil)
        #expect(message.hasPrefix("messages.get: Quota exceeded for quota metric 'Queries'"))
        #expect(message.hasSuffix("(HTTP 403 rateLimitExceeded)"))
        for reason in ["userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded"] {
            let body = gmailJSON(#"{"error":{"code":403,"message":"x","errors":[{"reason":"\#(reason)","domain":"usageLimits"}]}}"#, status: 403)
            #expect(throws: GmailError.rateLimited(retryAfter: nil, message: "getProfile: x (HTTP 403 \(reason))")) {
                try makeGmailClient(ScriptedTransport(responses: [body])).profile()
            }
        }
    }

    @Test func notFoundIsNotFoundExceptOnHistory() throws {
        #expect(try messageError("error-404-not-found.json", status: 404)
            == .notFound("messages.get: Requested entity was not found. (HTTP 404 notFound)"))
        let transport = ScriptedTransport(responses: [try GmailExamples.response("error-404-not-found.json", status: 404)])
        #expect(throws: GmailError.historyExpired) {
            try makeGmailClient(transport).history(startHistoryID: 12)
        }
    }

    @Test func tooManyRequestsIsRateLimited() throws {
        #expect(try messageError("error-429-concurrent.json", status: 429)
            == .rateLimited(retryAfter: nil, message: "messages.get: Too many concurrent requests for user. (HTTP 429 rateLimitExceeded)"))
        #expect(try messageError("error-429-resource-exhausted.json", status: 429)
            == .rateLimited(retryAfter: nil, message: "messages.get: Resource has been exhausted (e.g. check quota). (HTTP 429 rateLimitExceeded)"))
    }

    @Test func retryAfterInTheMessageText() throws {
        // "Retry after 2024-05-14T17:45:12.345Z"; the clock says 17:45:00.
        let error = try messageError("error-429-user-rate-retry-after.json", status: 429)
        guard case .rateLimited(let after?, _) = error else {
            Issue.record("expected rateLimited with a delay, got \(String(describing: error))")
            return
        }
        #expect(abs(after - 12.345) < 0.001)
    }

    @Test func retryAfterHeaderInSecondsOrAsHTTPDate() throws {
        #expect(try messageError("error-429-concurrent.json", status: 429, headers: ["Retry-After": "30"])
            == .rateLimited(retryAfter: 30, message: "messages.get: Too many concurrent requests for user. (HTTP 429 rateLimitExceeded)"))
        let dated = try messageError("error-403-per-user-quota.json", status: 403, headers: ["Retry-After": "Tue, 14 May 2024 17:46:00 GMT"])
        guard case .rateLimited(let after, _) = dated else {
            Issue.record("expected rateLimited, got \(String(describing: dated))")
            return
        }
        #expect(after == 60)
    }

    @Test func retryAfterInThePastIsZero() {
        #expect(RetryAfter.seconds(header: nil, messages: ["User-rate limit exceeded.  Retry after 2023-03-07T18:18:23.688Z"], now: gmailTestNow) == 0)
        #expect(RetryAfter.seconds(header: "soon", messages: ["no hint here"], now: gmailTestNow) == nil)
        #expect(RetryAfter.seconds(header: "10", messages: ["Retry after 2024-05-14T17:45:20Z."], now: gmailTestNow) == 20)
    }

    @Test func serverErrorsAreTemporary() throws {
        #expect(try messageError("error-500-backend.json", status: 500)
            == .temporary("messages.get: Backend Error (HTTP 500 backendError)"))
        #expect(try messageError("error-500-backend.json", status: 503)
            == .temporary("messages.get: Backend Error (HTTP 503 backendError)"))
    }

    @Test func nonJSONErrorBodies() throws {
        let html = HTTPResponse(status: 502, headers: ["Content-Type": "text/html"], body: Data("<html><body>Bad Gateway</body></html>".utf8))
        #expect(throws: GmailError.temporary("messages.list: HTTP 502 without a readable error body")) {
            try makeGmailClient(ScriptedTransport(responses: [html])).listMessages()
        }
        let empty429 = HTTPResponse(status: 429, headers: ["Retry-After": "7"], body: Data())
        #expect(throws: GmailError.rateLimited(retryAfter: 7, message: "messages.list: HTTP 429 without a readable error body")) {
            try makeGmailClient(ScriptedTransport(responses: [empty429])).listMessages()
        }
        let teapot = HTTPResponse(status: 418, headers: [:], body: Data("short and stout".utf8))
        #expect(throws: GmailError.permanent("messages.list: HTTP 418 without a readable error body")) {
            try makeGmailClient(ScriptedTransport(responses: [teapot])).listMessages()
        }
    }

    @Test func successBodyThatIsNotTheExpectedJSONIsBadResponse() throws {
        let cases: [(HTTPResponse, GmailError)] = [
            (HTTPResponse(status: 200, headers: [:], body: Data("<html>login</html>".utf8)),
             .badResponse("messages.get: the answer is not a JSON object")),
            (HTTPResponse(status: 200, headers: [:], body: Data()), .badResponse("messages.get: the answer was empty")),
            (gmailJSON(#"["a"]"#), .badResponse("messages.get: the answer is not a JSON object")),
            (gmailJSON(#"{"id": "x", "payload": {"parts": [{"body": {"size": "big"}}]}}"#),
             .badResponse("messages.get: the answer is not the expected JSON (at payload.parts[0].body.size)")),
            (gmailJSON(#"{"id": "x""#), .badResponse("messages.get: the answer is not the expected JSON")),
        ]
        for (response, expected) in cases {
            #expect(throws: expected) {
                try makeGmailClient(ScriptedTransport(responses: [response])).message(id: "x")
            }
        }
    }

    @Test func errorTextHoldsNoAddressesOrTokens() {
        let text = ErrorText.clean("Invalid To header: dana@example.com\u{1B}[31m Bearer ya29.secret access_token=abc\nnext")
        #expect(text == "Invalid To header: <address> [31m Bearer [redacted] access_token=[redacted] next")
        #expect(ErrorText.clean(String(repeating: "x", count: 500)).count == ErrorText.maximumLength)
    }

    @Test func errorsCarryNoTokenFromTheRequest() throws {
        let echo = gmailJSON(#"{"error":{"code":400,"message":"bad header Bearer token-1 from dana@example.com","errors":[{"reason":"badRequest"}]}}"#, status: 400)
        do {
            _ = try makeGmailClient(ScriptedTransport(responses: [echo])).profile()
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("token-1"))
            #expect(!"\(error)".contains("dana@"))
        }
    }
}
