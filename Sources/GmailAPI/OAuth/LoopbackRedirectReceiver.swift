import Dispatch
import Foundation
import LoopbackHTTP
import Synchronization

/// Listens on 127.0.0.1 (an ephemeral port) for the browser coming back from Google's consent
/// page, and hands over the authorization code once the state matches.
///
/// The browser gets a short page saying what happened. Requests for anything but `/` (such as
/// `/favicon.ico`), and `/` without `code` or `error`, are answered and ignored. So is a redirect
/// with a wrong or missing state: any local user can reach the port, and a forged answer must
/// neither be used (its code never is) nor end the sign-in, so the listener keeps waiting. The
/// first redirect with the right state decides: a code, or an error (`error=access_denied` ends
/// with `.accessDenied`). `finish(_:)` lets another path (a pasted address) decide instead.
public final class LoopbackRedirectReceiver: Sendable {
    /// `http://127.0.0.1:PORT`: the redirect URI to put in the authorization request.
    public let redirectURI: String
    public let port: Int
    private let server: LoopbackServer
    private let decision: Decision

    /// Starts listening; the browser's redirect must carry `expectedState`.
    public init(expectedState: String) throws(OAuthError) {
        let decision = Decision()
        let handler: @Sendable (ServerRequest) -> ServerResponse = { request in
            Self.answer(request, expectedState: expectedState, decision: decision)
        }
        do {
            server = try LoopbackServer(port: 0, idleTimeout: 10, handler: handler)
        } catch {
            throw .loopbackUnavailable(String(describing: error))
        }
        self.decision = decision
        port = Int(server.port)
        redirectURI = AuthorizationRequest.loopbackRedirectURI(port: port)
    }

    /// Blocks until a redirect (or `finish`, or `cancel`) decides, or `timeout` seconds pass;
    /// then stops listening and returns the code or throws why there is none.
    public func wait(timeout: TimeInterval) throws(OAuthError) -> String {
        if decision.outcome == nil, decision.signal.wait(timeout: .now() + max(0, timeout)) == .timedOut {
            _ = decision.decide(.failure(.timedOut(seconds: Int(timeout.rounded()))), byBrowser: false)
        }
        let (result, byBrowser) = decision.outcome!
        if byBrowser {
            // The page is written just after the handler returns; let it reach the browser.
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        return try result.get()
    }

    /// Decides from elsewhere (a pasted address); false when something already decided.
    @discardableResult
    public func finish(_ result: Result<String, OAuthError>) -> Bool {
        decision.decide(result, byBrowser: false)
    }

    /// Ends the wait with `.cancelled` unless something already decided.
    public func cancel() {
        finish(.failure(.cancelled))
    }

    /// Stops listening (idempotent; `wait` does it too).
    public func stop() {
        server.stop()
    }

    // MARK: - The browser's side

    private static func answer(_ request: ServerRequest, expectedState: String, decision: Decision) -> ServerResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return ServerResponse(status: 405, headers: [("Allow", "GET")])
        }
        guard request.path == "/" else { return ServerResponse(status: 404) }
        guard let redirect = AuthorizationRedirect(query: request.rawQuery) else {
            return page(status: 404, title: "Rapport", text: "This address receives Google's answer when Rapport signs in. There is nothing to see here.")
        }
        let result: Result<String, OAuthError>
        do throws(OAuthError) {
            result = .success(try redirect.code(expectingState: expectedState))
        } catch .stateMismatch {
            return page(status: 400, title: "Rapport did not connect",
                        text: "This answer belongs to another sign-in attempt, so Rapport did not use it and is still waiting. Open the link Rapport printed in the terminal to sign in.")
        } catch {
            result = .failure(error)
        }
        guard decision.decide(result, byBrowser: true) else {
            return page(status: 200, title: "Rapport", text: "Rapport has already finished signing in. You can close this tab.")
        }
        switch result {
        case .success:
            return page(status: 200, title: "Rapport is connected", text: "Rapport is connected. You can close this tab.")
        case .failure(.accessDenied):
            return page(status: 200, title: "Rapport did not connect",
                        text: "Access was not allowed, so Rapport is not connected. You can close this tab; to try again, run rapport account add in the terminal.")
        case .failure:
            return page(status: 200, title: "Rapport did not connect",
                        text: "Google could not sign you in. You can close this tab; the terminal says what went wrong.")
        }
    }

    private static func page(status: Int, title: String, text: String) -> ServerResponse {
        let html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em;color:#222}</style>
        </head><body><h1>\(title)</h1><p>\(text)</p></body></html>

        """
        return ServerResponse(status: status, headers: [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-store"),
            // The address of this page holds the code: never pass it on.
            ("Referrer-Policy", "no-referrer"),
            ("Connection", "close"),
        ], body: Array(html.utf8))
    }
}

extension LoopbackRedirectReceiver: CustomReflectable {
    /// The address only; never the code it may hold.
    public var customMirror: Mirror {
        Mirror(self, children: ["redirectURI": redirectURI], displayStyle: .class)
    }
}

/// The first outcome wins; `signal` wakes the one waiter.
private final class Decision: Sendable {
    let signal = DispatchSemaphore(value: 0)
    private let state = Mutex<(result: Result<String, OAuthError>, byBrowser: Bool)?>(nil)

    var outcome: (result: Result<String, OAuthError>, byBrowser: Bool)? { state.withLock { $0 } }

    func decide(_ result: Result<String, OAuthError>, byBrowser: Bool) -> Bool {
        let first = state.withLock { state -> Bool in
            guard state == nil else { return false }
            state = (result, byBrowser)
            return true
        }
        if first { signal.signal() }
        return first
    }
}
