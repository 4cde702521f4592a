import Foundation
import Synchronization
import Testing
@testable import GmailAPI

/// The hand-written Gmail payloads in the shared reference folder, read at test time (never copied
/// into the project). Tests that need them are disabled with a message when the folder is missing.
enum GmailExamples {
    static let directory: URL? = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["RAPPORT_GMAIL_EXAMPLES"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/reference/examples"))
        candidates.append(URL(fileURLWithPath: "/work/shared/reference/examples"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("profile.json").path) }
    }()

    static var available: Bool { directory != nil }
    static let missing: Comment = "Gmail reference examples not found (set RAPPORT_GMAIL_EXAMPLES)"

    static func data(_ name: String) throws -> Data {
        let directory = try #require(directory, "reference examples missing")
        return try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// A JSON fixture as a Gmail answer with this status.
    static func response(_ name: String, status: Int = 200, headers: [String: String] = [:]) throws -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=UTF-8"].merging(headers) { $1 },
                     body: try data(name))
    }
}

/// An in-memory `HTTPTransport`: records every request and answers from a script, in order.
final class ScriptedTransport: HTTPTransport {
    typealias Step = @Sendable (HTTPRequest) -> Result<HTTPResponse, GmailError>

    private let state: Mutex<(steps: [Step], requests: [HTTPRequest])>

    init(_ steps: [Step] = []) {
        state = Mutex((steps, []))
    }

    /// Answers with these responses, one per request.
    convenience init(responses: [HTTPResponse]) {
        self.init(responses.map { response in { _ in .success(response) } })
    }

    func perform(_ request: HTTPRequest) throws(GmailError) -> HTTPResponse {
        let step: Step? = state.withLock { state in
            state.requests.append(request)
            return state.steps.isEmpty ? nil : state.steps.removeFirst()
        }
        guard let step else {
            Issue.record("unexpected request \(request.method) \(request.url)")
            throw .temporary("script exhausted")
        }
        return try step(request).get()
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }
    var remainingSteps: Int { state.withLock { $0.steps.count } }
}

/// Hands out "token-1"; each refresh gives the next number, or fails as scripted.
final class CountingTokens: AccessTokenProvider {
    private let state = Mutex((current: 1, refreshes: 0))
    private let refreshFailure: GmailError?

    init(refreshFailure: GmailError? = nil) {
        self.refreshFailure = refreshFailure
    }

    func accessToken() throws(GmailError) -> String {
        state.withLock { "token-\($0.current)" }
    }

    func refreshedAccessToken() throws(GmailError) -> String {
        if let refreshFailure {
            state.withLock { $0.refreshes += 1 }
            throw refreshFailure
        }
        return state.withLock { state in
            state.refreshes += 1
            state.current += 1
            return "token-\(state.current)"
        }
    }

    var refreshes: Int { state.withLock { $0.refreshes } }
}

/// Records `onCall` reports.
final class GmailCallLog: Sendable {
    private let calls = Mutex<[(GmailMethod, Int)]>([])

    var hook: @Sendable (GmailMethod, Int) -> Void {
        { method, units in self.calls.withLock { $0.append((method, units)) } }
    }

    var methods: [GmailMethod] { calls.withLock { $0.map(\.0) } }
    var units: Int { calls.withLock { $0.reduce(0) { $0 + $1.1 } } }
}

/// A fixed clock: 2024-05-14T17:45:00Z.
let gmailTestNow = Date(timeIntervalSince1970: 1_715_708_700)

/// A client on https://gmail.googleapis.com/ with the scripted transport and a fixed clock.
func makeGmailClient(_ transport: ScriptedTransport, tokens: CountingTokens = CountingTokens(),
                base: String = "https://gmail.googleapis.com/", costs: QuotaCostTable = .legacy,
                uploadThreshold: Int = REST.Messages.Send.defaultUploadThreshold,
                onCall: (@Sendable (GmailMethod, Int) -> Void)? = nil) -> GmailClient {
    GmailClient(baseURL: URL(string: base)!, transport: transport, tokens: tokens, costs: costs, timeout: 30,
                uploadThreshold: uploadThreshold, onCall: onCall, now: { gmailTestNow })
}

/// A JSON answer from literal text.
func gmailJSON(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponse {
    HTTPResponse(status: status, headers: ["Content-Type": "application/json"].merging(headers) { $1 }, body: Data(text.utf8))
}

/// A request's URL split for assertions: path and query items in order.
func gmailPathAndQuery(_ request: HTTPRequest) -> (path: String, query: [String]) {
    let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
    return (components?.percentEncodedPath ?? "", (components?.percentEncodedQuery ?? "").split(separator: "&").map(String.init))
}
